import { describe, expect, it } from 'vitest';
import { compareRuns, DEFAULT_BAND, httpMetrics, versionComparisons } from '../runner/analyse/compare/compare';
import { resolveConfig, USAGE } from '../runner/core/config';
import { UserError } from '../runner/core/errors';
import { adaptToNextMajor } from '../runner/measure/fixture/matrix-adapter';
import { bundlerOf, installManifest, reactFor, resolveMatrix } from '../runner/measure/fixture/matrix-install';
import { resolveNextSpecs } from '../runner/core/next-versions';
import { PINNED_NEXT } from '../runner/core/packages';
import { armKey, DUET_BUILDS, makePlan } from '../runner/core/plan';
import type { Sample, VersionSection } from '../runner/contract/results';
import { matrixResultsOf } from '../runner/analyse/sections';
import { scenarioById } from '../runner/scenarios';
import { renderReport } from '../reports/render';
import { versionsSection } from '../reports/comparison-section';
import { analyse } from '../runner/analyse/analyse';
import { runRecordOf } from '../runner/analyse/compat';
import { syntheticResults, syntheticSamples } from './results-fixture';

const OLD = 'next@15.5.29';
const NEW = 'next@16.4.5';

describe('the version matrix plan', () => {
  const plan = makePlan([scenarioById('counter')], [0], ['no-defer'], { labels: [OLD, NEW], everyBuildWhole: true });

  it('measures every version as a whole run in one group: its variants, its A/A twin and its own comparisons', () => {
    expect(plan.groups).toHaveLength(1);
    expect(plan.arms.map(armKey)).toEqual([
      `counter/action@0~${OLD}`,
      `counter/route@0~${OLD}`,
      `counter/action#aa@0~${OLD}`,
      `counter/action@0~${NEW}`,
      `counter/route@0~${NEW}`,
      `counter/action#aa@0~${NEW}`,
    ]);
    expect(plan.comparisons.map((c) => `${armKey(c.a)} vs ${armKey(c.b)}`)).toEqual([
      `counter/route@0~${OLD} vs counter/action@0~${OLD}`,
      `counter/action#aa@0~${OLD} vs counter/action@0~${OLD}`,
      `counter/route@0~${NEW} vs counter/action@0~${NEW}`,
      `counter/action#aa@0~${NEW} vs counter/action@0~${NEW}`,
    ]);
  });

  it('compares each version with the one listed before it, variant by variant', () => {
    expect(plan.groups[0]!.buildComparisons.map(({ a, b }) => `${armKey(a)} vs ${armKey(b)}`)).toEqual([
      `counter/action@0~${NEW} vs counter/action@0~${OLD}`,
      `counter/route@0~${NEW} vs counter/route@0~${OLD}`,
    ]);
  });

  it('leaves a duet as it was: the baseline measures every variant once, with no twin and no comparisons of its own', () => {
    const duet = makePlan([scenarioById('counter')], [0], ['no-defer'], DUET_BUILDS);
    expect(duet.arms.map(armKey)).toEqual([
      'counter/action@0',
      'counter/route@0',
      'counter/action#aa@0',
      'counter/action@0~baseline',
      'counter/route@0~baseline',
    ]);
    expect(duet.comparisons).toHaveLength(2);
  });
});

describe('the Next 15 adapter', () => {
  const proxy =
    "export function proxy(request: NextRequest) {\n  return NextResponse.next();\n}\n\nexport const config = { matcher: ['/probe/:path*'] };\n";
  const files = new Map([
    ['proxy.ts', proxy],
    ['app/page.tsx', 'export default function Page() {}'],
  ]);

  it('keeps the fixture as written for Next 16 and later', () => {
    expect(adaptToNextMajor(files, 16)).toEqual(files);
  });

  it('turns proxy.ts into middleware.ts exporting middleware before Next 16, config and everything else unchanged', () => {
    const adapted = adaptToNextMajor(files, 15);
    expect([...adapted.keys()].sort()).toEqual(['app/page.tsx', 'middleware.ts']);
    expect(adapted.get('middleware.ts')).toContain('export function middleware(request: NextRequest) {');
    expect(adapted.get('middleware.ts')).toContain("export const config = { matcher: ['/probe/:path*'] };");
    expect(adapted.get('middleware.ts')).not.toContain('function proxy(');
  });

  it('fails loudly when the fixture no longer has the function it renames', () => {
    expect(() => adaptToNextMajor(new Map([['proxy.ts', 'export const proxy = () => null;']]), 15)).toThrow(
      /update the adapter/,
    );
  });
});

describe('isolated installs', () => {
  it('pins Next, the React it is given and the fixture packages at this checkout’s versions', () => {
    const { dependencies } = installManifest('15.5.29', '19.3.1');
    expect(dependencies).toMatchObject({
      next: '15.5.29',
      react: '19.3.1',
      'react-dom': '19.3.1',
      zod: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      'better-sqlite3': expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(Object.keys(dependencies)).toEqual([...Object.keys(dependencies)].sort());
  });

  it('keeps this checkout’s React when Next’s peer range allows it (only Next differs)', async () => {
    expect(await reactFor('15.5.29', '^18.2.0 || 19.0.0-rc-de68d2f4-20241204 || ^19.0.0')).toMatch(/^19\./);
  });

  it('knows each version’s default bundler', () => {
    expect([bundlerOf('15.5.29'), bundlerOf('16.4.5')]).toEqual(['webpack', 'turbopack']);
  });
});

describe('--next', () => {
  const resolve = (argv: string[]) => resolveConfig(argv, new Date(), process.cwd())!;

  it('takes exact versions in order, and gives each version the profile’s browser budget', async () => {
    const config = resolve(['--next', '15.5.29,16.4.5,15.5.29']);
    expect(config.next).toEqual(['15.5.29', '16.4.5']);
    const resolved = await resolveMatrix(config, () => undefined);
    expect(resolved.next).toEqual(['15.5.29', '16.4.5']);
    expect(resolved.budgetSeconds).toBe(2 * resolve([]).budgetSeconds);
    const budget = await resolveMatrix(resolve(['--next', '15.5.29,16.4.5', '--budget', '100']), () => undefined);
    expect(budget.budgetSeconds).toBe(100);
  });

  it('takes release lines and "lines"', () => {
    expect(resolve(['--next', 'lines,16.2,16.4.5']).next).toEqual(['lines', '16.2', '16.4.5']);
  });

  it('refuses a range, a duet or a deployment beside it, one line each', () => {
    for (const spec of ['15', '^16.2', '16.x', 'latest', '16.2.0.1'])
      expect(() => resolve(['--next', spec]), spec).toThrow(UserError);
    expect(() => resolve(['--next', '15'])).toThrow(/--next takes published versions \(16\.4\.5\), release lines/);
    expect(() => resolve(['--next', '15.5.29', '--against', 'HEAD'])).toThrow(/pass one/);
    expect(() => resolve(['--next', '15.5.29', '--suite', 'http', '--target', 'http://127.0.0.1:3000'])).toThrow(
      /pass one/,
    );
  });

  it('names the pinned version, the default, in --help', () => {
    expect(USAGE).toContain(`(default: the pinned ${PINNED_NEXT})`);
  });
});

describe('resolveNextSpecs', () => {
  // What the registry listed on 2026-12-07, trimmed: prereleases and old lines mixed in.
  const PUBLISHED = [
    '15.4.7',
    '15.5.0',
    '15.5.29',
    '16.0.0-canary.3',
    '16.0.11',
    '16.1.7',
    '16.2.9',
    '16.2.12',
    '16.2.13-canary.0',
    '16.3.8',
    '16.4.5',
    '16.4.6',
    '16.5.0',
    '16.6.0-canary.2',
  ];

  it('resolves a release line to its newest stable patch', () => {
    expect(resolveNextSpecs(['16.2'], PUBLISHED)).toEqual(['16.2.12']);
    expect(resolveNextSpecs(['16.4', '16.4.5'], PUBLISHED)).toEqual(['16.4.6', '16.4.5']);
  });

  it('resolves "lines" to the newest stable patch of every line from 15.5, oldest first, each once', () => {
    expect(resolveNextSpecs(['lines', '16.5'], PUBLISHED)).toEqual([
      '15.5.29',
      '16.0.11',
      '16.1.7',
      '16.2.12',
      '16.3.8',
      '16.4.6',
      '16.5.0',
    ]);
  });

  it('refuses a line the registry has no stable release of, in one line', () => {
    expect(() => resolveNextSpecs(['16.6'], PUBLISHED)).toThrow(UserError);
    expect(() => resolveNextSpecs(['16.6'], PUBLISHED)).toThrow(/--next 16\.6: the npm registry has no stable release/);
  });
});

describe('matrixResultsOf', () => {
  // Two versions sampled in the same rounds; the newer is 6 ms slower on every cell.
  const base = syntheticSamples([0], 12);
  const samples: Sample[] = [
    ...base.map((sample) => ({ ...sample, build: OLD })),
    ...base.map((sample) => ({ ...sample, build: NEW, latencyMs: sample.latencyMs + 6 })),
  ];
  const results = syntheticResults();
  const version = (label: string, next: string) => ({
    version: {
      label,
      next,
      react: '19.3.1',
      reactDom: '19.3.1',
      bundler: bundlerOf(next),
      installDir: null,
      reusedInstall: true,
      probes: undefined,
    },
  });
  const matrix = matrixResultsOf({
    versions: [version(OLD, '15.5.29'), version(NEW, '16.4.5')],
    browser: { scenarios: ['revalidate'], rttMs: [0], measured: results.browser!, samples, failedArms: new Set() },
    repeats: [],
    warmups: [],
    run: { profile: 'standard', minLoads: 4 },
    band: DEFAULT_BAND,
  });

  it('summarizes every version from its own samples, with claims of its own', () => {
    expect(matrix.versions.map((v) => v.label)).toEqual([OLD, NEW]);
    const medianOf = (index: number) =>
      matrix.versions[index]!.browser!.cells.find((cell) => cell.variant === 'action')!.medianMs;
    expect(medianOf(1) - medianOf(0)).toBeCloseTo(6, 0);
    expect(matrix.versions.every((v) => v.claims.length > 10)).toBe(true);
  });

  it('compares the later version with the earlier, paired by round, and flags the slowdown on every cell', () => {
    expect(matrix.comparisons).toHaveLength(1);
    const [pair] = matrix.comparisons;
    expect([pair!.baseline, pair!.candidate]).toEqual([OLD, NEW]);
    // Latency per cell, then each of its requests' time to first byte, which the slowdown (client-side here) left alone.
    const latency = pair!.comparison.filter((row) => !row.key.endsWith('time to first byte'));
    expect(latency.length).toBe(4);
    expect(latency.every((row) => row.verdict === 'regression' && row.n[0] === 12)).toBe(true);
    expect(
      pair!.comparison.filter((row) => row.key.endsWith('time to first byte') && row.verdict !== 'no change'),
    ).toEqual([]);
  });

  it('is rebuilt as it was by npm run report -- --recompute, the last version shown at the top level', () => {
    const config = {
      profile: 'standard',
      scenarios: ['revalidate'],
      rttMs: [0],
      nMin: 12,
      perPageLoad: 3,
      warmup: 1,
      ciTargetMs: 4,
      nMax: 45,
      budgetSeconds: 60,
    };
    const old = syntheticResults({ config, matrix, browser: { ...results.browser!, cells: [] }, claims: [] });
    const recomputed = analyse({ record: runRecordOf(old), samples, load: { repeats: [], warmups: [] } });
    expect(recomputed.matrix).toEqual(matrix);
    expect(recomputed.browser!.cells).toEqual(matrix.versions[1]!.browser!.cells);
    expect(recomputed.claims).toEqual(matrix.versions[1]!.claims);
  });

  it('pairs load cells by pass: a 10% throughput loss in every pass is found through drift that hides it from an unpaired test', () => {
    const http = (perPass: number[]) =>
      ({
        cells: [
          {
            scenario: 'counter',
            variant: 'action',
            twin: false,
            connections: 10,
            encoding: 'gzip',
            perRepeat: perPass.map((value) => ({
              interactionsPerSec: value,
              interactionLatencyMs: { p50: 10_000 / value },
            })),
          },
        ],
      }) as unknown as VersionSection['http'];
    const passes = [100, 220, 310, 480, 650];
    const [pair] = versionComparisons(
      [
        { label: OLD, http: http(passes) },
        { label: NEW, http: http(passes.map((value) => value * 0.9)) },
      ],
      [],
      DEFAULT_BAND,
    );
    expect(pair!.comparison.map((row) => [row.key, row.verdict])).toEqual([
      ['http counter/action 10 connections gzip p50', 'regression'],
      ['http counter/action 10 connections gzip throughput', 'regression'],
    ]);
    expect(
      compareRuns(
        httpMetrics(http(passes)),
        httpMetrics(http(passes.map((value) => value * 0.9))),
        DEFAULT_BAND,
        false,
      ).every((row) => row.verdict === 'no change'),
    ).toBe(true);
  });

  it('shows both versions side by side in the report, labels escaped', () => {
    const withScript = {
      ...matrix,
      versions: matrix.versions.map((v, i) => (i === 0 ? { ...v, next: '<script>x</script>' } : v)),
    };
    const html = renderReport(syntheticResults({ matrix: withScript }), '');
    expect(html).toContain('<h2>Next.js versions</h2>');
    expect(html).toContain(`${NEW} against ${OLD}`);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>x</script>');
  });

  it('shows each version’s own checks: its browser A/A, known answers and load A/A, the failing ones named', () => {
    const [first, second] = matrix.versions;
    const reference = {
      scenario: 'counter',
      variant: 'route',
      rttMs: 60,
      chrome: 'no-defer' as const,
      reference: true,
      expectedRoundTrips: 1,
      measuredRoundTrips: 1,
      expectedIncreaseMs: 60,
      toleranceMs: 3,
      withinTolerance: false,
    };
    const checked = {
      ...matrix,
      versions: [
        {
          ...first!,
          browser: {
            ...first!.browser!,
            accuracy: [
              { ...reference, measuredIncreaseMs: 60.4, ci95: [58.5, 61.9] as [number, number], errorMs: 0.4 },
            ],
          },
        },
        {
          ...second!,
          browser: {
            ...second!.browser!,
            aa: second!.browser!.aa.map((row, i) =>
              i === 0 ? { ...row, diffMedianMs: 4, ci95: [1.5, 6.5] as [number, number] } : row,
            ),
            accuracy: [
              { ...reference, measuredIncreaseMs: 70.2, ci95: [66.1, 74.3] as [number, number], errorMs: 10.2 },
            ],
          },
        },
      ],
    };
    const html = versionsSection(checked);
    const section = html.slice(html.indexOf('The instrument’s own checks'), html.indexOf('Every claim, per version'));
    const aaCount = second!.browser!.aa.length;
    expect(section).toContain(`<td>${aaCount} of ${aaCount}</td>`);
    expect(section).toContain(
      `${aaCount - 1} of ${aaCount}<br><small>${second!.browser!.aa[0]!.scenario} at RTT 0 ms: 4.0 (1.5 to 6.5)</small>`,
    );
    expect(section).toContain('shown 1, missed 0, undecided 0 of 1');
    expect(section).toContain(
      'shown 0, missed 1, undecided 0 of 1<br><small>counter/route at RTT 60 ms: 70.2 against 60.0 ms</small>',
    );
  });

  it('names the requests a version’s interactions sent after their end (the router’s prefetches) beside their count', () => {
    const prefetching = {
      ...matrix,
      versions: matrix.versions.map((v, i) =>
        i === 1
          ? {
              ...v,
              browser: {
                ...v.browser!,
                cells: v.browser!.cells.map((cell) => ({
                  ...cell,
                  requestsPerInteraction: 26,
                  requestsAfterEndPerInteraction: 17,
                })),
              },
            }
          : v,
      ),
    };
    const html = renderReport(syntheticResults({ matrix: prefetching }), '');
    expect(html).toContain('26 requests (17 after the end)');
  });
});
