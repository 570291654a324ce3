import { describe, expect, it } from 'vitest';
import { releaseCheck, releaseCheckOutputs, releaseRows, renderReleaseHistory } from '../reports/releases';
import { syntheticResults } from './results-fixture';
import { matrixResults } from './support/matrix-run';
import { chartData } from './support/site';

/** What `npm view next versions` lists, in short: canaries, a line before the tracked ones, and every tracked line. */
const REGISTRY = [
  '15.4.7',
  '15.5.0',
  '15.5.29',
  '16.0.0',
  '16.0.10',
  '16.1.0-canary.3',
  '16.1.6',
  '16.2.3',
  '16.3.1',
  '16.4.5',
  '16.5.0',
  '16.6.0-canary.1',
];
const LINES = ['15.5.29', '16.0.10', '16.1.6', '16.2.3', '16.3.1', '16.4.5', '16.5.0'];

/** A version's browser medians are its minor version in ms later: the trend tells the versions apart. */
const slowerMs = (version: string) => Number(version.split('.')[1]);

const matrixRun = (day: number, versions: readonly string[]) =>
  matrixResults({
    runId: `2026-12-0${day}T05-17-00Z-s${day}`,
    startedAt: `2026-12-0${day}T05:17:00.000Z`,
    versions,
    slowerMs,
  });

describe('which release is new (npm run releases -- check)', () => {
  it('with nothing published, measures the newest stable patch of every line from 15.5 on', () => {
    const check = releaseCheck(REGISTRY, [syntheticResults()]);
    expect(check).toEqual({ versions: LINES, unmeasured: LINES });
    expect(releaseCheckOutputs(check)).toEqual(['measure=true', 'version=16.5.0', `unmeasured=${LINES.join(',')}`]);
  });

  it('measures nothing once a published matrix run has measured every one of them', () => {
    const check = releaseCheck(REGISTRY, [matrixRun(1, LINES)]);
    expect(releaseCheckOutputs(check)).toEqual(['measure=false', 'version=16.5.0', 'unmeasured=']);
  });

  it('notices a new release of the newest line, and a backport to an older one', () => {
    const published = [matrixRun(1, LINES)];
    expect(releaseCheck([...REGISTRY, '16.5.1'], published).unmeasured).toEqual(['16.5.1']);
    expect(releaseCheck([...REGISTRY, '15.5.30'], published).unmeasured).toEqual(['15.5.30']);
    // A new canary is not a release.
    expect(releaseCheck([...REGISTRY, '16.6.0-canary.2'], published).unmeasured).toEqual([]);
  });
});

describe('the release history (reports/published/releases.html)', () => {
  // Run 2 measured the newer lines again and a new patch; run 3, the newest, measured an older line again.
  const runs = [
    matrixRun(1, LINES),
    matrixRun(2, ['16.4.5', '16.5.0', '16.5.1']),
    matrixRun(3, ['15.5.29']),
    syntheticResults(),
  ];

  it('has one row per release, in release order, each from the newest run that measured it', () => {
    const rows = releaseRows(runs);
    expect(rows.map((row) => row.version)).toEqual([...LINES, '16.5.1']);
    expect(rows.map((row) => row.run.runId.slice(9, 10))).toEqual(['3', '1', '1', '1', '1', '2', '2', '2']);
    for (const row of rows) expect(row.section.next).toBe(row.version);
  });

  it('draws the browser medians across releases in release order, not run order', () => {
    const { groups, axis } = chartData<{
      groups: { labels: string[]; trends: { scenario: string; lines: { points: { value: number }[] }[] }[] }[];
      axis: { x: string };
    }>(renderReleaseHistory(runs, ''));
    expect(axis.x).toBe('Next.js release');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.labels).toEqual([...LINES, '16.5.1'].map((version) => `next ${version}`));
    expect(groups[0]!.trends.map((trend) => trend.scenario)).toEqual(['counter', 'revalidate']);
    for (const line of groups[0]!.trends.flatMap((trend) => trend.lines)) {
      // Every release's median is the recorded one plus its minor version.
      const base = line.points[0]!.value - slowerMs('15.5.29');
      expect(line.points.map((point) => point.value - base)).toEqual(
        [...LINES, '16.5.1'].map(slowerMs).map((ms) => expect.closeTo(ms, 6)),
      );
    }
  });

  it("shows each release's verdicts, browser differences, load ratios and CSRF probes, with links to the run", () => {
    const html = renderReleaseHistory(runs, '');
    for (const version of [...LINES, '16.5.1']) expect(html).toContain(`next ${version}`);
    expect(html).toContain('href="2026-12-02T05-17-00Z-s2/index.html"');
    expect(html).toContain('counter route − action, RTT 120 ms');
    expect(html).toContain('counter action / route, 10 connections, gzip');
    expect(html).toContain('action /counter/action, Origin foreign</th>');
    expect(html).toContain('route /api/counter, a cross-site form</th>');
    expect(html).toMatch(/<td>16\.5\.1<\/td><td>rejected \(500\)<\/td>/);
    expect(html).toMatch(/C5 <span class="badge ok">supported<\/span>/);
    // The differences come from the versions' own sections: a row per release in each table.
    expect(html.match(/<tr><td>16\.5\.1<\/td>/g)).toHaveLength(3);
  });

  it('says so when no published run measured a version matrix', () => {
    const html = renderReleaseHistory([syntheticResults()], '');
    expect(html).toContain('No published run has measured a Next.js version matrix yet.');
    expect(chartData<{ groups: unknown[] }>(html).groups).toEqual([]);
  });
});
