import escapeHtml from 'escape-html';
import type { Claim, Results } from '../runner/contract/results';
import { trackedMetrics } from './history';
import { variantStyles, verdictBadge } from './html';
import { SAMPLING_KEYS } from '../runner/analyse/compare/run-comparison';
import { selfContainedPage } from './render';

const e = (value: unknown) => escapeHtml(String(value));

/**
 * One chart per scenario: each variant's browser median at each RTT (Chrome as the accuracy reference runs it), run
 * after run, with its 95% CI; a run that did not measure a line leaves a gap.
 */
export function trendSeries(runs: readonly Results[]) {
  const perRun = runs.map((run) =>
    trackedMetrics(run).filter((metric) => metric.name.startsWith('browser ') && metric.name.endsWith(' no-defer')),
  );
  const names = [...new Set(perRun.flat().map((metric) => metric.name))].sort();
  const scenarios = [...new Set(names.map((name) => name.split(' ')[1]!.split('/')[0]!))];
  return scenarios.map((scenario) => ({
    scenario,
    lines: names
      .filter((name) => name.startsWith(`browser ${scenario}/`))
      .map((name) => ({
        label: name.replace(`browser ${scenario}/`, '').replace(' no-defer', ''),
        variant: name.replace(`browser ${scenario}/`, '').split(' ')[0]!,
        rttMs: Number(/ RTT (\d+) ms /.exec(name)?.[1] ?? 0),
        points: perRun.map((metrics) => {
          const metric = metrics.find((m) => m.name === name);
          return metric ? { value: metric.value, lower: metric.lower, upper: metric.upper } : null;
        }),
      })),
  }));
}

/** The profile a run sampled with (runs from before profiles were recorded: unknown). */
export const profileOf = (run: Results) => String((run.config as { profile?: unknown }).profile ?? 'unknown');

const cellMs = (point: { value: number; lower: number | null; upper: number | null } | null) =>
  point
    ? `${point.value.toFixed(1)}${point.lower !== null && point.upper !== null ? ` (${point.lower.toFixed(1)}–${point.upper.toFixed(1)})` : ''}`
    : '—';

type Trend = ReturnType<typeof trendSeries>[number];

/**
 * How a run samples (the stored comparison's own test): a trend holds the runs of one way of sampling only, since a
 * profile's runs before and after its sampling changed, or ci's RTT 0 beside standard's every scenario, are not one series.
 */
const samplingKeyOf = (run: Results) => JSON.stringify(SAMPLING_KEYS.map((key) => run.config[key] ?? null));

/** The trend chart's numbers as a table: for screen readers, printing, and anyone who wants the figures. */
function trendTable(trend: Trend, labels: readonly string[], per: string): string {
  const rows = trend.lines.map(
    (line) =>
      `<tr><td>${e(line.label)}</td>${line.points.map((point) => `<td>${e(cellMs(point))}</td>`).join('')}</tr>`,
  );
  return `<details><summary>Data table: ${e(trend.scenario)}, median ms (95% CI) per ${e(per)}</summary><div class="scroll"><table><thead><tr><th>variant, RTT</th>${labels.map((label) => `<th>${e(label)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div></details>`;
}

/** Each claim's verdict as a badge, for one table cell that wraps: a column per claim made the table 1,500 px wide. */
export const verdictBadges = (claims: readonly Claim[]) =>
  claims.map((claim) => `<span class="verdict">${e(claim.id)} ${verdictBadge(claim.verdict)}</span>`).join(' ');

/** The release history beside the index (reports/releases.ts). */
export const RELEASES_PAGE = 'releases.html';

/**
 * One scenario's trend chart (drawn by TREND_SCRIPT from the page's chart data) with its numbers as a table; `per`
 * names a point (a run, a release) and `what` the points in the chart's accessible name.
 */
export function trendFigure(
  trend: Trend & { id: string },
  labels: readonly string[],
  per: string,
  what: string,
): string {
  return `<figure><canvas id="trend-${e(trend.id)}" role="img" aria-label="median latency of each ${e(trend.scenario)} variant per ${e(what)}, with 95% CI bands"></canvas><figcaption>${e(trend.scenario)}: median latency per ${e(per)}</figcaption>${trendTable(trend, labels, per)}</figure>`;
}

/**
 * The trend charts' data (what TREND_SCRIPT draws) for runs in the order their points go: a group of trends per way
 * of sampling, named by its profile (and its sampling when two groups share a profile's name), a label per run.
 */
export function trendChartData(
  runs: readonly Results[],
  labelOf: (run: Results) => string,
  axis: { x: string; per: string },
) {
  const keys = [...new Set(runs.map(samplingKeyOf))];
  const runOf = (key: string) => runs.find((run) => samplingKeyOf(run) === key)!;
  const profileNamesShared = (key: string) =>
    keys.filter((other) => profileOf(runOf(other)) === profileOf(runOf(key))).length > 1;
  const groups = keys.map((key, index) => {
    const members = runs.filter((run) => samplingKeyOf(run) === key);
    const first = members[0]!;
    const sampling = SAMPLING_KEYS.filter((k) => k !== 'profile')
      .map((k) => `${k} ${JSON.stringify(first.config[k] ?? null)}`)
      .join(', ');
    return {
      profile: profileOf(first),
      title: `profile ${profileOf(first)}${profileNamesShared(key) ? ` (${sampling})` : ''}`,
      labels: members.map(labelOf),
      trends: trendSeries(members).map((trend) => ({ ...trend, id: `${index}-${trend.scenario}` })),
    };
  });
  // One colour and dash per variant, as in every report; the RTT is the point's shape.
  const styles = variantStyles(groups.flatMap((g) => g.trends.flatMap((t) => t.lines.map((line) => line.variant))));
  const rtts = [...new Set(groups.flatMap((g) => g.trends.flatMap((t) => t.lines.map((line) => line.rttMs))))].sort(
    (a, b) => a - b,
  );
  return { groups, styles, rtts, axis };
}

/**
 * reports/published/index.html: every published run, newest first (date, versions, git sha, each claim's
 * verdict, links to its report and files), and the browser medians run after run. Self-contained like a report.
 */
export function renderPublishedIndex(runs: readonly Results[], chartJsSource: string): string {
  const ordered = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const rows = ordered
    .map((run) => {
      const env = run.environment;
      const folder = encodeURIComponent(run.runId);
      return `<tr><td><a href="${folder}/index.html">${e(run.startedAt.slice(0, 16).replace('T', ' '))}</a><br><small>${e(run.runId)}</small></td>
<td>${e(profileOf(run))}</td><td>next ${e(env.next)}<br>react ${e(env.react)}<br>chromium ${e(env.chromium)}<br>node ${e(env.node)}</td><td><code>${e(env.gitSha)}</code></td><td class="verdicts">${verdictBadges(run.claims)}</td>
<td><a href="${folder}/results.json">results.json</a><br><a href="${folder}/samples.csv.gz">samples.csv.gz</a><br><a href="${folder}/bencher.json">bencher.json</a></td></tr>`;
    })
    .join('\n');
  const chartData = trendChartData(
    [...ordered].reverse(),
    // A run's date and its seed: two runs on one day stay two points.
    (run) => `${run.startedAt.slice(0, 10)} s${run.environment.seed}`,
    { x: 'run (date, seed)', per: 'published run' },
  );
  const body = `<header><h1>mutation-bench: published runs</h1>
<p>Each run measured Next.js Server Actions against Route Handlers on the machine named in its report; every number there
carries its n, 95% CI and conditions. Verdicts per claim (C1–C15, quotes in each report):</p>
<p><a href="${RELEASES_PAGE}">Next.js releases</a>: one row per release a published version-matrix run measured, and trends across releases.</p></header>
<section><div class="scroll"><table class="runs"><thead><tr><th>run</th><th>profile</th><th>versions</th><th>git</th><th>verdicts</th><th>files</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>
${chartData.groups
  .map(
    (group) => `<section><h2>Browser latency, run after run: ${e(group.title)}</h2>
<p>Median latency (click to the new value on screen, ms) of each variant at each emulated RTT, Chrome with input deferral off,
with its 95% CI as a band (order statistics over the cell's interactions), over the ${group.labels.length} published run(s) sampled this way. Compare runs measured on the same machine only.</p>
<div class="charts">${group.trends.map((trend) => trendFigure(trend, group.labels, 'run', `published ${group.profile} run`)).join('')}</div></section>`,
  )
  .join('\n')}`;
  return selfContainedPage({
    title: 'mutation-bench: published runs',
    body,
    chartData,
    chartScript: TREND_SCRIPT,
    chartJsSource,
  });
}

/** Draws every trend of the page's chart data: `axis` names the x axis and what one point is. */
export const TREND_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const shapes = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'];
  for (const group of data.groups) for (const trend of group.trends) {
    new Chart(document.getElementById('trend-' + trend.id), {
      type: 'line',
      data: { labels: group.labels, datasets: trend.lines.flatMap((line) => {
        const style = data.styles[line.variant];
        const at = (key) => line.points.map((p) => (p ? p[key] : null));
        return [
          { label: line.label + ' CI low', data: at('lower'), borderColor: 'transparent', pointRadius: 0, fill: false, spanGaps: true },
          { label: line.label + ' CI high', data: at('upper'), borderColor: 'transparent', backgroundColor: style.color + '26', pointRadius: 0, fill: '-1', spanGaps: true },
          { label: line.label, data: at('value'), borderColor: style.color, backgroundColor: style.color, borderDash: style.dash,
            pointStyle: shapes[data.rtts.indexOf(line.rttMs) % shapes.length], pointRadius: 4, spanGaps: true },
        ];
      }) },
      options: { animation: false, plugins: { title: { display: true, text: trend.scenario + ': median latency per ' + data.axis.per },
          legend: { labels: { usePointStyle: true, filter: (item) => !/ CI (low|high)$/.test(item.text) } } },
        scales: { x: { title: { display: true, text: data.axis.x } }, y: { title: { display: true, text: 'median latency ms' } } } },
    });
  }
})();`;
