import escapeHtml from 'escape-html';
import semver from 'semver';
import { probeRows } from '../runner/analyse/compare/probe-rows';
import type { Results, VersionSection } from '../runner/contract/results';
import { resolveNextSpecs } from '../runner/core/next-versions';
import { table } from './html';
import { profileOf, TREND_SCRIPT, trendChartData, trendFigure, verdictBadges } from './published';
import { selfContainedPage } from './render';

const e = (value: unknown) => escapeHtml(String(value));

/** One Next release a published version-matrix run measured, with the run and the version's own section of it. */
export interface ReleaseRow {
  version: string;
  run: Results;
  section: VersionSection;
}

/**
 * The release history: one row per Next version any run's matrix measured, from the newest run measuring it (a
 * release measured again by a newer run is shown as that run saw it), in release order.
 */
export function releaseRows(runs: readonly Results[]): ReleaseRow[] {
  const newest = new Map<string, ReleaseRow>();
  for (const run of runs)
    for (const section of run.matrix?.versions ?? []) {
      const held = newest.get(section.next);
      if (!held || run.startedAt > held.run.startedAt)
        newest.set(section.next, { version: section.next, run, section });
    }
  return [...newest.values()].sort((a, b) => semver.compare(a.version, b.version));
}

/** What the scheduled release workflow measures, and whether it has to: `--next lines` as the registry resolves it today. */
export interface ReleaseCheck {
  /** The newest patch of every tracked line, oldest first: what `--next lines` would measure now. */
  versions: string[];
  /** Those no published matrix run has measured yet: a new release, or a backport to an older line. */
  unmeasured: string[];
}

export function releaseCheck(registryVersions: readonly string[], runs: readonly Results[]): ReleaseCheck {
  const versions = resolveNextSpecs(['lines'], registryVersions);
  const measured = new Set(releaseRows(runs).map((row) => row.version));
  return { versions, unmeasured: versions.filter((version) => !measured.has(version)) };
}

/** The check as `key=value` lines for $GITHUB_OUTPUT: whether to measure, the newest release, and what is new. */
export const releaseCheckOutputs = (check: ReleaseCheck): string[] => [
  `measure=${check.unmeasured.length > 0}`,
  `version=${check.versions.at(-1) ?? ''}`,
  `unmeasured=${check.unmeasured.join(',')}`,
];

/** A release's section as the rest of the published site reads a run (trackedMetrics, trendSeries), of its version. */
const asRun = ({ run, section }: ReleaseRow): Results => ({
  ...run,
  environment: { ...run.environment, next: section.next, react: section.react },
  browser: section.browser,
  http: section.http,
  probes: section.probes,
  claims: section.claims,
});

/** `a − b` in ms with its 95% CI, as every report words a browser comparison. */
const diffMs = (estimate: number, [lower, upper]: readonly [number, number]) =>
  `${estimate.toFixed(1)} ms (${lower.toFixed(1)} to ${upper.toFixed(1)})`;

/** Each release's browser comparisons at every RTT (Chrome as the accuracy reference runs it): route minus action. */
const browserDifferences = (row: ReleaseRow) =>
  new Map(
    (row.section.browser?.comparisons ?? [])
      .filter((comparison) => comparison.chrome === 'no-defer')
      .map((c): [string, string] => [
        `${c.scenario} ${c.a} − ${c.b}, RTT ${c.rttMs} ms`,
        diffMs(c.diffMedianMs, c.ci95),
      ]),
  );

/** Each release's throughput ratios under load (action / route, per encoding), with their 95% CI over repeats. */
const loadRatios = (row: ReleaseRow) =>
  new Map(
    (row.section.http?.ratios ?? [])
      .filter((ratio) => ratio.kind === 'comparison' && ratio.measure === 'interactionsPerSec')
      .map((r): [string, string] => [
        `${r.scenario} ${r.a} / ${r.b}, ${r.connections} connections, ${r.encoding}`,
        `${r.estimate.toFixed(2)} (${r.ci95[0].toFixed(2)}–${r.ci95[1].toFixed(2)})`,
      ]),
  );

/** C5's probe rows, worded as the version matrix's probe changes word them: each request, accepted or rejected. */
const csrfProbes = (row: ReleaseRow) =>
  new Map(
    probeRows(row.section.probes)
      .filter((probe) => probe.claim === 'C5')
      .map((probe): [string, string] => [probe.row, probe.outcome]),
  );

/** A table with a row per release and a column per key any release has; a release without it shows a dash. */
function perRelease(rows: readonly ReleaseRow[], cellsOf: (row: ReleaseRow) => Map<string, string>): string {
  const cells = rows.map(cellsOf);
  const keys = [...new Set(cells.flatMap((byKey) => [...byKey.keys()]))];
  if (keys.length === 0) return '<p>No release measured it.</p>';
  return table(
    ['release', ...keys],
    rows.map((row, index) => [e(row.version), ...keys.map((key) => e(cells[index]!.get(key) ?? '—'))]),
  );
}

/**
 * reports/published/releases.html: one row per Next release a published version-matrix run measured (what it was
 * built with, which run, every claim's verdict), the browser differences, load ratios and C5's probes per release,
 * and the browser medians across releases, one trend per way of sampling. Self-contained like a report.
 */
export function renderReleaseHistory(runs: readonly Results[], chartJsSource: string): string {
  const rows = releaseRows(runs);
  const overview = table(
    ['release', 'built with', 'measured by', 'verdicts'],
    rows.map((row) => {
      const folder = encodeURIComponent(row.run.runId);
      return [
        `next ${e(row.version)}`,
        `${e(row.section.bundler)}<br>react ${e(row.section.react)}`,
        `<a href="${folder}/index.html">${e(row.run.startedAt.slice(0, 16).replace('T', ' '))}</a><br><small>${e(row.run.runId)}, profile ${e(profileOf(row.run))}</small>`,
        verdictBadges(row.section.claims),
      ];
    }),
    'runs',
  );
  const chartData = trendChartData(rows.map(asRun), (run) => `next ${run.environment.next}`, {
    x: 'Next.js release',
    per: 'release',
  });
  const body = `<header><h1>mutation-bench: Next.js releases</h1>
<p>One row per Next.js release a published version-matrix run (<code>npm run bench -- --next lines</code>) measured, in
release order; a release measured by several runs is shown as the newest saw it. Every number carries its 95% CI; compare
releases measured on the same machine and profile only. <a href="index.html">Every published run</a>.</p></header>
<section><h2>Releases</h2>${rows.length ? overview : '<p>No published run has measured a Next.js version matrix yet.</p>'}</section>
<section><h2>Browser latency: route minus action</h2><p>The difference of the variants' typical page-load medians (ms, 95% CI);
positive means the Server Action was faster.</p>${perRelease(rows, browserDifferences)}</section>
<section><h2>Throughput under load: action / route</h2><p>Interactions per second, the action's over the route's (95% CI over load repeats).</p>${perRelease(rows, loadRatios)}</section>
<section><h2>CSRF probes (C5)</h2><p>Each mutation sent without a same-site Origin: accepted (persisted) or rejected, with the status it got.</p>${perRelease(rows, csrfProbes)}</section>
${chartData.groups
  .map(
    (group) => `<section><h2>Browser latency across releases: ${e(group.title)}</h2>
<p>Median latency (click to the new value on screen, ms) of each variant at each emulated RTT, Chrome with input deferral off,
with its 95% CI as a band, release after release.</p>
<div class="charts">${group.trends.map((trend) => trendFigure(trend, group.labels, 'release', `Next.js release (${group.profile})`)).join('')}</div></section>`,
  )
  .join('\n')}`;
  return selfContainedPage({
    title: 'mutation-bench: Next.js releases',
    body,
    chartData,
    chartScript: TREND_SCRIPT,
    chartJsSource,
  });
}
