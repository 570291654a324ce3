import escapeHtml from 'escape-html';
import { medianInterval } from '../runner/stats/interval';
import type {
  Accuracy,
  BrowserResults,
  Cell,
  Claim,
  HttpResults,
  ProbeResults,
  Results,
} from '../runner/contract/results';
import { CLAIMS } from '../runner/analyse/claims/claims';
import { LATE_MARGIN_MS } from '../runner/analyse/cells';
import { aaWithinBand, accuracyMissed, accuracyShown, HTTP_AA_BAND } from '../runner/analyse/claims/gating';
import {
  BADGE_COLORS,
  chartFigure,
  table,
  TEXT_COLORS,
  VARIANT_STYLE_SCRIPT,
  variantStyles,
  verdictBadge,
} from './html';
import { duetSection, versionsSection } from './comparison-section';
import { headline } from './headlines';
import { bottomLineSection } from './bottom-line';
import { WATERFALL_SCRIPT, waterfallSection, waterfalls } from './waterfall';

/**
 * How the report names a comparison's two sides: the fixture's are a route variant against the Server Action; a
 * user's app's (--config) are any variant against the baseline its config names.
 */
interface Sides {
  variant: string;
  baseline: string;
  /** The baseline in a sentence's end: "positive: … was faster". */
  baselineShort: string;
}
const FIXTURE_SIDES: Sides = { variant: 'route variant', baseline: 'Server Action', baselineShort: 'the action' };
const APP_SIDES: Sides = { variant: 'variant', baseline: 'baseline variant', baselineShort: 'the baseline' };

/** Pure: results.json (+ Chart.js's source, inlined) -> one self-contained HTML page. */
export function renderReport(results: Results, chartJsSource: string): string {
  const b = results.browser;
  const scenarios = [...new Set(b?.cells.map((cell) => cell.scenario) ?? [])];
  const requestWaterfalls = waterfalls(b?.cells ?? []);
  const sides = results.app ? APP_SIDES : FIXTURE_SIDES;
  const body = [
    header(results),
    bottomLineSection(results),
    results.app ? '' : verdictsAtAGlance(results.claims),
    results.against ? duetSection(results.against) : '',
    results.matrix ? versionsSection(results.matrix) : '',
    b ? latencyAgainstRtt(b, scenarios) : '',
    waterfallSection(requestWaterfalls),
    b ? summarySection(results, b, sides) : '',
    results.app ? '' : claimsSection(results.claims),
    ...(b
      ? scenarios.map((scenario) =>
          scenarioSection(
            b,
            scenario,
            results.scenarios.find((s) => s.id === scenario),
            sides,
          ),
        )
      : []),
    b || results.http ? accuracySection(b, results.http, sides) : '',
    results.http ? httpSection(results.http) : '',
    results.probes ? probesSection(results.probes) : '',
    results.micro ? microSection(results.micro) : '',
    environmentSection(results),
  ].join('\n');
  const chartData = {
    // One look per variant (colour, line dash, bar pattern) in every chart of the page.
    styles: variantStyles([
      ...(b?.cells.map((cell) => cell.variant) ?? []),
      ...(results.http?.cells.map((cell) => cell.variant) ?? []),
    ]),
    scenarios: scenarios.map((scenario) => ({
      id: scenario,
      cdfs: cdfCharts(b!, scenario),
      diff: diffSeries(b!, scenario),
      rtts: [...new Set(b!.comparisons.filter((c) => c.scenario === scenario).map((c) => c.rttMs))],
      latency: latencyLines(b!, scenario),
    })),
    http: results.http ? httpChartData(results.http) : [],
    waterfalls: requestWaterfalls,
  };
  return selfContainedPage({
    title: `mutation-bench ${results.runId}`,
    body: withContents(body),
    chartData,
    chartScript: VARIANT_STYLE_SCRIPT + CHART_SCRIPT + WATERFALL_SCRIPT,
    chartJsSource,
  });
}

/**
 * A page that opens from disk with no network: the style, the body, and the charts drawn by `chartScript` from
 * `chartData` (read from the #chart-data element) with Chart.js inlined.
 */
export function selfContainedPage(page: {
  title: string;
  body: string;
  chartData: unknown;
  chartScript: string;
  chartJsSource: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${page.body}
<script type="application/json" id="chart-data">${jsonForScript(page.chartData)}</script>
<script>${page.chartJsSource.replace(/<\/script/gi, '<\\/script')}</script>
<script>${page.chartScript}</script>
<script>${SCROLL_SCRIPT}</script>
</body>
</html>
`;
}

/** JSON inside a <script> element: escape what could close it or start a comment. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function cdfPoints(samples: readonly number[]): { x: number; y: number }[] {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted.map((x, i) => ({ x: round(x), y: round((i + 1) / sorted.length) }));
}

const chromeSuffix = (chrome: string) => (chrome === 'shipped' ? ' (shipped Chrome)' : '');
const chromeLabel = (cell: { variant: string; chrome: string }) => `${cell.variant}${chromeSuffix(cell.chrome)}`;

/**
 * A table wrapper that scrolls sideways is reachable by keyboard (tabindex, named as a region); one that fits is
 * not a tab stop. Checked on load, on resize and when a folded data table opens.
 */
const SCROLL_SCRIPT = `
(() => {
  const mark = () => {
    for (const box of document.querySelectorAll('.scroll')) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', 'table, scrolls sideways');
      } else if (box.hasAttribute('tabindex')) {
        for (const name of ['tabindex', 'role', 'aria-label']) box.removeAttribute(name);
      }
    }
  };
  mark();
  window.addEventListener('resize', mark);
  document.addEventListener('toggle', mark, true);
})();`;

/**
 * The page's table of contents: a link to every h2 section of `body` (each has an id), placed after the header and
 * the bottom line when the page has one.
 */
export function withContents(body: string): string {
  const entries = [...body.matchAll(/<section id="([^"]+)"[^>]*>\s*<h2[^>]*>([\s\S]*?)<\/h2>/g)];
  if (!entries.length) return body;
  const nav = `<nav class="toc" aria-label="Contents"><p>Contents</p><ol>${entries
    .map(([, id, heading]) => `<li><a href="#${id}">${heading!.replace(/<(?!\/?code>)[^>]*>/g, '')}</a></li>`)
    .join('')}</ol></nav>`;
  const bottomLine = body.indexOf('<section id="bottom-line"');
  const after =
    bottomLine >= 0
      ? body.indexOf('</section>', bottomLine) + '</section>'.length
      : body.indexOf('</header>') >= 0
        ? body.indexOf('</header>') + '</header>'.length
        : 0;
  return `${body.slice(0, after)}\n${nav}${body.slice(after)}`;
}

/** Each variant's (and Chrome mode's) median latency at each RTT with its order-statistic 95% CI: the picture that answers. */
function latencyLines(b: BrowserResults, scenario: string) {
  const cells = b.cells.filter((cell) => cell.scenario === scenario);
  return [...new Set(cells.map(chromeLabel))].map((label) => {
    const own = cells.filter((cell) => chromeLabel(cell) === label).sort((x, y) => x.rttMs - y.rttMs);
    return {
      label,
      variant: own[0]!.variant,
      shipped: own[0]!.chrome === 'shipped',
      points: own.map((cell) => ({
        x: cell.rttMs,
        median: round(cell.medianMs),
        ci95: medianInterval(cell.samplesMs).ci95.map((v) => round(v)) as [number, number],
      })),
    };
  });
}

/** The latency CDF split per RTT: one chart per RTT of the scenario, each with a line per variant (and Chrome mode) at it. */
function cdfCharts(b: BrowserResults, scenario: string) {
  const cells = b.cells.filter((cell) => cell.scenario === scenario);
  return [...new Set(cells.map((cell) => cell.rttMs))]
    .sort((x, y) => x - y)
    .map((rttMs) => ({
      rttMs,
      lines: cells
        .filter((cell) => cell.rttMs === rttMs)
        .map((cell) => ({
          label: chromeLabel(cell),
          variant: cell.variant,
          shipped: cell.chrome === 'shipped',
          points: cdfPoints(cell.samplesMs),
        })),
    }));
}

/** Route variant − Server Action per RTT with its 95% CI, a series per variant and Chrome mode. */
function diffSeries(b: BrowserResults, scenario: string) {
  const comparisons = b.comparisons.filter((c) => c.scenario === scenario);
  const labelOf = (c: (typeof comparisons)[number]) => `${c.a}${chromeSuffix(c.chrome)}`;
  return [...new Set(comparisons.map(labelOf))].map((label) => {
    const own = comparisons.filter((c) => labelOf(c) === label);
    return {
      label,
      variant: own[0]!.a,
      against: own[0]!.b,
      shipped: own[0]!.chrome === 'shipped',
      rows: own.map((c) => ({ rttMs: c.rttMs, median: c.diffMedianMs, ci95: c.ci95 })),
    };
  });
}

/** The fractions a CDF's data table reads it at: the latency where the step reaches each. */
const CDF_FRACTIONS = [0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];
const atFraction = (points: readonly { x: number }[], fraction: number) =>
  points[Math.max(0, Math.ceil(fraction * points.length) - 1)]?.x;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const ms = (value: number) => `${value.toFixed(1)}`;
const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
const interval = ([lo, hi]: readonly [number, number]) => `[${signed(lo)}, ${signed(hi)}]`;
const e = (value: unknown) => escapeHtml(String(value));

function header(results: Results): string {
  const status = results.complete
    ? '<span class="badge ok">complete</span>'
    : `<span class="badge bad">incomplete: ${e(results.failures.length)} failure(s)</span>`;
  const failures = results.failures.length
    ? `<ul class="failures">${results.failures
        .map((f) => `<li><b>${e(f.scenario)}/${e(f.variant)} @ ${e(f.rttMs)} ms</b>: ${e(f.message)}</li>`)
        .join('')}</ul>`
    : '';
  const warnings = results.machine?.warnings.length
    ? `<ul class="failures">${results.machine.warnings.map((warning) => `<li class="warn-text">${e(warning)}</li>`).join('')}</ul>`
    : '';
  const title = results.app
    ? `mutation-bench: the variants of ${e(results.app.configFile)}`
    : 'mutation-bench: Server Actions vs Route Handlers';
  return `<header><h1>${title}</h1>
<p>Run <code>${e(results.runId)}</code>, ${e(results.startedAt)} → ${e(results.finishedAt)} ${status}${results.recomputedAt ? ` · numbers and verdicts recomputed from its samples on ${e(results.recomputedAt)} (npm run report -- --recompute)` : ''}</p>
<p class="files">Beside this report: <a href="results.json">results.json</a>${results.browser ? ' · <a href="samples.csv.gz">every browser sample (CSV, gzip)</a>' : ''} · <a href="bencher.json">bencher.json</a> · <a href="benchmark-action.json">benchmark-action.json</a></p>${failures}${warnings}</header>`;
}

function summarySection(results: Results, b: BrowserResults, sides: Sides): string {
  const config = results.config as Record<string, unknown>;
  const loads = b.cells.map((cell) => cell.loads);
  const rtts = [...new Set(b.cells.map((cell) => cell.rttMs))];
  const states = b.groups.reduce<Record<string, number>>(
    (count, group) => ({ ...count, [group.state]: (count[group.state] ?? 0) + 1 }),
    {},
  );
  return `<section id="browser-method"><h2>What was compared in the browser</h2>
<p>Each scenario's variants do the same mutation through a different transport, in a production build of ${results.app ? e(results.app.configFile) + "'s app" : 'the fixture'}
(Next.js ${e(results.environment.next)}, React ${e(results.environment.react)}) driven by Chromium ${e(results.environment.chromium)}.
One interaction = from the click's input time (<code>event.timeStamp</code>, the start Event Timing and INP use) until the DOM shows the
expected new value (MutationObserver), timed in the page; the input delay (input time to the click listener) is shown apart.
Emulated RTT: ${e(rtts.join(', '))} ms via <b>${e(b.rttEmulation)}</b>${b.rttEmulation === 'proxy' ? ' (a loopback proxy delaying each direction by RTT/2; a new connection pays one RTT first)' : " (Chromium's CDP latency, which hides server time inside the emulated latency)"}.
Chrome input scheduling: ${b.chromeModes.map((mode) => (mode === 'shipped' ? '<b>as shipped</b> (network tasks wait for the frame after a click; the variants C1 reads)' : '<b>deferral off</b> (every variant; the accuracy reference)')).join(' and ')}.
Arms were interleaved in randomized rounds (seed ${e(results.environment.seed)}); each page load did ${e(config.warmup)} discarded warm-up
interaction(s) then ${e(config.perPageLoad)} measured ones. Page loads per cell: ${loads.length ? `${Math.min(...loads)}–${Math.max(...loads)}` : 'none'}.
Sampling (two stages per scenario and RTT): stage 1 of n_min samples per arm, then the page loads needed for a 95% CI half-width of
${e(config.ciTargetMs)} ms, planned once, at most n_max ${e(config.nMax)}; groups stopped: ${e(
    Object.entries(states)
      .map(([state, n]) => `${n} ${state}`)
      .join(', ') || 'none',
  )}.
Browser phase: ${e(b.wallSeconds.toFixed(0))} s.</p>
<p>Differences are ${sides.variant} − ${sides.baseline}, each page load summarized by its median: <b>positive means the ${sides.baseline} was faster</b>.
Estimates are 20% trimmed means of the page-load medians; 95% CIs are Yuen's t intervals on them (Welch–Satterthwaite degrees of freedom), shown by simulation with 2× outlier page loads to cover 93–97% (<code>test/sequential.test.ts</code>); <code>npm run calibrate</code> measures their real A/A rates on your machine.
A row carries a verdict only when its group's A/A 90% CI lies inside ±max(3 ms, 5% of the reference median) and its variants' RTT rise 95% CI inside expected ±max(3 ms, 5%).</p></section>`;
}

/** Under the verdicts: every variant's latency against the emulated RTT, one chart per scenario. */
function latencyAgainstRtt(b: BrowserResults, scenarios: readonly string[]): string {
  return `<section id="latency-against-rtt"><h2>Latency against RTT</h2>
<p>Median latency from the click to the new value on screen, each variant at each emulated round-trip time, with its 95% CI as a band (order statistics over the cell's interactions). A line that rises by one RTT per RTT makes one round trip; by two, two.
Each variant keeps its colour and line pattern in every chart of this report; shipped Chrome's lines are thinner, its points triangles.</p>
<div class="charts">${scenarios
    .map((scenario) => {
      const lines = latencyLines(b, scenario);
      return chartFigure({
        id: `latency-${scenario}`,
        label: `Line chart, ${scenario}: median latency from the click to the new value (ms) against the emulated RTT (ms), with its 95% CI as a band, for ${lines.map((line) => line.label).join(', ')}; the data table follows.`,
        caption: `${e(scenario)}: median latency (ms) against RTT (ms), 95% CI band`,
        headers: ['variant', 'RTT ms', 'median ms', '95% CI ms'],
        rows: lines.flatMap((line) =>
          line.points.map((point) => [e(line.label), e(point.x), ms(point.median), ciText(point.ci95, 1)]),
        ),
      });
    })
    .join('')}</div></section>`;
}

/** The verdict's own words beside its badge: which way, on what, or why not. */
const qualifierOf = (claim: Claim) =>
  claim.qualifier ? ` <span class="qualifier">— ${e(claim.qualifier)}</span>` : '';

/** The first screen's answer: every claim's verdict and what the run found, in words, above its quote; each links to its evidence below. */
function verdictsAtAGlance(claims: readonly Claim[]): string {
  const rows = claims.map((claim) => [
    `<a href="#claim-${e(claim.id)}">${e(claim.id)}</a>`,
    `${verdictBadge(claim.verdict)}${qualifierOf(claim)}`,
    `${e(headline(claim))}<br><small class="quote">The claim: “${e(claim.quote)}”</small>`,
  ]);
  return `<section id="verdicts"><h2>Verdicts</h2>
<p>What the measurements say about each published claim (supported, refuted, depends on the conditions, inconclusive at this run's precision, or not measured yet), with the numbers and conditions behind it; the claim's number leads to its evidence.</p>
${table(['claim', 'verdict', 'what this run found'], rows, 'verdicts')}</section>`;
}

function claimsSection(claims: readonly Claim[]): string {
  return `<section id="claims"><h2>Claims</h2>${claims
    .map(
      (
        claim,
      ) => `<article class="claim" id="claim-${e(claim.id)}"><h3>${e(claim.id)} ${verdictBadge(claim.verdict)}${qualifierOf(claim)}</h3>
<blockquote>“${e(claim.quote)}” <cite>${e(claim.source)}</cite></blockquote><p>${e(claim.summary)}</p>
${claim.evidence.length ? evidenceTable(claim) : ''}</article>`,
    )
    .join('\n')}</section>`;
}

/** Ratios (around 1) need two decimals to be read; milliseconds and bytes one. */
const evidenceNumber = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);

/** Every claim module's column labels, for a key its own claim's module does not name. */
const CLAIM_HEADINGS: Readonly<Record<string, string>> = Object.fromEntries(
  CLAIMS.flatMap((claim) => Object.entries(claim.headings)),
);

/** A header for an evidence key: a claim's label for it, or the camelCase key in words ("routeRefreshRoundTrips" -> "route refresh round trips"). */
export function evidenceLabel(key: string): string {
  return (
    CLAIM_HEADINGS[key] ??
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/\bMs\b/, '(ms)')
      .toLowerCase()
  );
}

/**
 * A claim's evidence, one table per kind of row (the rows that share their columns): a claim that weighs latency,
 * bytes and load ratios gets three narrow tables instead of one with every column of all three.
 */
function evidenceTable({ id, evidence }: Claim): string {
  // The claim's own labels (its module's headings) first: two claims may call one key differently.
  const headings: Readonly<Record<string, string>> = CLAIMS.find((claim) => claim.id === id)?.headings ?? {};
  const show = (value: unknown) =>
    typeof value === 'number'
      ? e(evidenceNumber(value))
      : Array.isArray(value)
        ? e(value.map((x) => (typeof x === 'number' ? evidenceNumber(x) : x)).join(' .. '))
        : e(value);
  const kinds = new Map<string, Record<string, unknown>[]>();
  for (const row of evidence) {
    // Rows differing only in a gate's reason stay together (the reason column is then empty where none applied).
    const signature = Object.keys(row)
      .filter((key) => key !== 'reason')
      .join('|');
    kinds.set(signature, [...(kinds.get(signature) ?? []), row]);
  }
  return [...kinds.values()]
    .map((rows) => {
      const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      return table(
        keys.map((key) => headings[key] ?? evidenceLabel(key)),
        rows.map((row) => keys.map((key) => show(row[key]))),
        'evidence',
      );
    })
    .join('');
}

function scenarioSection(
  b: BrowserResults,
  scenario: string,
  described: Results['scenarios'][number] | undefined,
  sides: Sides,
): string {
  const summary = described?.summary;
  const link = described?.bandwidth;
  const cells = b.cells.filter((cell) => cell.scenario === scenario);
  const comparisons = b.comparisons.filter((c) => c.scenario === scenario);
  // A scenario with marks (the optimistic paint) shows each mark's median and p90 beside the end's.
  const markNames = [...new Set(cells.flatMap((cell) => cell.marks.map((mark) => mark.name)))];
  const sampledMemory = cells.some((cell) => cell.serverMemory !== undefined);
  const cellRows = cells.map((cell) => [
    `${e(cell.variant)}${e(chromeSuffix(cell.chrome))}`,
    e(cell.rttMs),
    `${e(cell.n)} / ${e(cell.loads)}`,
    ...markNames.map((name) => {
      const mark = cell.marks.find((candidate) => candidate.name === name);
      return mark ? `${ms(mark.medianMs)} / ${ms(mark.p90Ms)}` : '–';
    }),
    ms(cell.medianMs),
    ms(cell.p90Ms),
    outcomesCell(cell),
    cell.firstByteMedianMs === undefined ? '–' : ms(cell.firstByteMedianMs),
    ms(cell.inputDelayMedianMs),
    ms(cell.frameMedianMs),
    `${e(cell.requestsPerInteraction)}${cell.requestsAfterEndPerInteraction ? ` <span class="badge warn">${e(cell.requestsAfterEndPerInteraction)} after the end</span>` : ''}`,
    `${e(cell.roundTrips)}${cell.roundTrips === cell.expectedRoundTrips ? '' : ` <span class="badge bad">expected ${e(cell.expectedRoundTrips)}</span>`}`,
    `${e(Math.round(cell.requestBytesPerInteraction))} / ${e(Math.round(cell.responseBytesPerInteraction))}${cell.bytesSpread > 0.05 ? ` <span class="badge warn">±${e((cell.bytesSpread * 100).toFixed(0))}%</span>` : ''}`,
    ...(sampledMemory
      ? [
          cell.serverMemory
            ? `${e(cell.serverMemory.peakMedianMb.toFixed(0))} / ${e(cell.serverMemory.riseMedianMb.toFixed(1))} (p90 ${e(cell.serverMemory.riseP90Mb.toFixed(1))})`
            : '–',
        ]
      : []),
  ]);
  const firstBytes = comparisons.some((c) => c.firstByteDiffMs !== undefined);
  const estimateCell = (estimate: { estimate: number; ci95: [number, number] } | undefined) =>
    estimate ? `${signed(estimate.estimate)} ${interval(estimate.ci95)}` : '–';
  const diffRows = comparisons.map((c) => [
    `${e(c.a)} − ${e(c.b)}${e(chromeSuffix(c.chrome))}`,
    e(c.rttMs),
    `<b>${signed(c.diffMedianMs)}</b>`,
    interval(c.ci95),
    c.detectableMs === undefined ? '–' : ms(c.detectableMs),
    ...(firstBytes ? [estimateCell(c.firstByteDiffMs)] : []),
    ...(sampledMemory ? [estimateCell(c.serverRssRiseDiffMb)] : []),
    `${e(c.loads[0])} / ${e(c.loads[1])}`,
    e(c.sampling),
  ]);
  return `<section id="scenario-${e(scenario)}"><h2>Scenario <code>${e(scenario)}</code></h2>${summary ? `<p>The user: ${e(summary)}.</p>` : ''}${link ? `<p>Link: ${e(mbit(link.toClient))} down, ${e(mbit(link.toServer))} up, with each row's RTT (the RTT proxy serializes 4 KB pieces at that rate).</p>` : ''}
${markNames.length ? `<p>Each interaction is also timed to ${markNames.map((name) => `<b>${e(name)}</b>`).join(', ')}: the median and p90 from the input, before the end (the median and p90 columns).</p>` : ''}
${sampledMemory ? "<p>The server's resident memory (the Next server's processes) was read every 20 ms during each interaction: the median of its peak, and of its rise over the interaction's start (p90 in brackets).</p>" : ''}
<p>Late / never: interactions that committed more than ${e(LATE_MARGIN_MS / 1000)} s past what their round trips take at the row's RTT${link ? ' and their bytes at the link’s rate' : ''}, and interactions whose state never showed within the timeout although every request was answered (counted beside the latency, not in it). Requests include those the page started after the end while others were in flight${described?.settleQuietMs ? `, and until it started none for ${e(described.settleQuietMs)} ms (the router's prefetches of the links on screen)` : ''}.</p>
${table(['variant', 'RTT ms', 'n / page loads', ...markNames.map((name) => `${name} median / p90 ms`), 'median ms', 'p90 ms', 'late / never', 'first byte ms', 'input delay ms', 'next frame ms', 'requests', 'round trips', 'bytes sent / received', ...(sampledMemory ? ['server RSS peak / rise MB'] : [])], cellRows)}
<h3>Differences against the ${sides.baseline}</h3>
${table(['comparison', 'RTT ms', 'Δ ms', '95% CI ms', 'detectable Δ ms (80% power)', ...(firstBytes ? ['first byte Δ ms [95% CI]'] : []), ...(sampledMemory ? ['server RSS rise Δ MB [95% CI]'] : []), 'page loads (a / b)', 'sampling stopped by'], diffRows)}
${scenarioCharts(b, scenario, sides)}</section>`;
}

/** A cell's late and never-committed interactions, beside its latency: `–` for runs before they were counted. */
function outcomesCell(cell: Cell): string {
  if (!cell.outcomes) return '–';
  const { late, never } = cell.outcomes;
  const counts = `${e(late)} / ${e(never)}`;
  return late + never > 0 ? `<span class="badge warn">${counts} of ${e(cell.n + never)}</span>` : counts;
}

/** A scenario's latency CDF at each RTT and its differences against the Server Action, each with its data table. */
function scenarioCharts(b: BrowserResults, scenario: string, sides: Sides): string {
  const cdfs = cdfCharts(b, scenario).map((cdf) =>
    chartFigure({
      id: `cdf-${scenario}-${cdf.rttMs}`,
      label: `Step chart, ${scenario} at RTT ${cdf.rttMs} ms: the fraction of interactions (0 to 1) done within each latency (ms), a line per variant: ${cdf.lines.map((line) => line.label).join(', ')}; the data table follows.`,
      caption: `Latency CDF at RTT ${e(cdf.rttMs)} ms, a line per variant`,
      // Short headings: two CDFs share a row, and their tables must fit half a laptop screen.
      headers: ['variant', 'n', ...CDF_FRACTIONS.map((f) => (f === 1 ? 'max' : `p${f * 100}`))],
      rows: cdf.lines.map((line) => [
        e(line.label),
        e(line.points.length),
        ...CDF_FRACTIONS.map((f) => ms(atFraction(line.points, f) ?? NaN)),
      ]),
      tableNote: 'ms within which 10%, 25%, 50%, 75%, 90%, 99% and all of the interactions were done',
    }),
  );
  const series = diffSeries(b, scenario);
  const diff = series.length
    ? chartFigure({
        id: `diff-${scenario}`,
        label: `Chart, ${scenario}: ${sides.variant} minus ${sides.baseline} latency (ms) at each RTT, the median difference as a point and its 95% CI as a bar, for ${series.map((s) => s.label).join(', ')}; positive means the ${sides.baseline} was faster; the data table follows.`,
        caption: `Δ vs RTT: ${sides.variant} − ${sides.baseline}, ms (positive: ${sides.baselineShort} was faster); bars: 95% CI, line across: estimate`,
        headers: ['comparison', 'RTT ms', 'Δ ms', '95% CI ms'],
        rows: series.flatMap((s) =>
          s.rows.map((row) => [
            `${e(s.variant)} − ${e(s.against)}${e(chromeSuffix(s.shipped ? 'shipped' : 'no-defer'))}`,
            e(row.rttMs),
            signed(row.median),
            interval(row.ci95),
          ]),
        ),
      })
    : '';
  return `<div class="charts">${cdfs.join('')}${diff}</div>`;
}

/** What an accuracy row says of the instrument. */
function accuracyBadge(a: Accuracy): string {
  if (a.noKnownAnswer !== undefined) return `<span class="badge muted">no known answer</span> ${e(a.noKnownAnswer)}`;
  if (!a.reference) return '<span class="badge muted">Chrome\'s own scheduling</span>';
  if (accuracyMissed(a)) return `<span class="badge bad">missed by more than ${e(round(a.toleranceMs))} (CI)</span>`;
  if (accuracyShown(a)) return `<span class="badge ok">within ±${e(round(a.toleranceMs))} (CI)</span>`;
  return `<span class="badge warn">not shown: the CI reaches past ±${e(round(a.toleranceMs))}; rows it feeds are held back</span>`;
}

function accuracySection(b: BrowserResults | undefined, http: HttpResults | undefined, sides: Sides): string {
  const rows = (b?.accuracy ?? []).map((a) => [
    `${e(a.scenario)}/${e(a.variant)}${a.mark === undefined ? '' : ` to <b>${e(a.mark)}</b>`}${a.against === undefined ? '' : ` against ${e(a.against)}`}${e(chromeSuffix(a.chrome))}`,
    a.against === undefined ? `0 → ${e(a.rttMs)}` : `at ${e(a.rttMs)}`,
    a.against === undefined ? `${e(a.expectedRoundTrips)} (measured ${e(a.measuredRoundTrips)})` : 'extra bytes / rate',
    ms(a.expectedIncreaseMs),
    ms(a.measuredIncreaseMs),
    interval(a.ci95),
    signed(a.errorMs),
    accuracyBadge(a),
  ]);
  const aaRows = (b?.aa ?? []).map((a) => {
    const containsZero = a.ci95[0] <= 0 && 0 <= a.ci95[1];
    return [
      `${e(a.scenario)}/${e(a.variant)} vs its twin${e(chromeSuffix(a.chrome))}`,
      e(a.rttMs),
      signed(a.diffMedianMs),
      interval(a.ci95),
      `${e(a.loads[0])} / ${e(a.loads[1])}`,
      containsZero ? '<span class="badge ok">contains 0</span>' : '<span class="badge bad">excludes 0</span>',
    ];
  });
  const httpAa = (http?.ratios ?? [])
    .filter((r) => r.kind === 'aa' && r.measure === 'interactionsPerSec')
    .map((r) => [
      `${e(r.scenario)}/${e(r.b)} vs its twin, ${e(r.encoding)} x${e(r.connections)}`,
      e(r.estimate.toFixed(3)),
      `[${e(r.ci90[0].toFixed(3))}, ${e(r.ci90[1].toFixed(3))}]`,
      e(r.repeats),
      aaWithinBand(r)
        ? `<span class="badge ok">inside ±${e(HTTP_AA_BAND * 100)}%</span>`
        : `<span class="badge bad">not shown inside ±${e(HTTP_AA_BAND * 100)}%</span>`,
    ]);
  return `<section id="accuracy"><h2>Accuracy: does the instrument measure what it should?</h2>
<p>Known answer: adding RTT r to every request must add <i>round trips × r</i> to an interaction. Round trips are the
expected request chain of each variant; the measured chain comes from the request log. A mark (the optimistic paint)
has its own: the round trips before it, 0 for a paint that must not wait for the network. On a link of limited
rate (payload), a larger case must take longer than the smaller one by its extra bytes on the wire / the rate, at the
same RTT, within ±5 ms or 5% of that time (reading a large body costs CPU the link model leaves out). Only Chrome with the deferral off checks the
instrument: shipped Chrome holds responses for the next frame, which bends the rise by design.</p>
${rows.length ? table(['cell', 'RTT ms', 'round trips', 'expected increase ms', 'measured increase ms', '95% CI', 'error ms', ''], rows) : '<p>Needs the browser suite at RTT 0 and at least one other RTT.</p>'}
${aaRows.length ? `<h3>A/A control in the browser</h3><p>The ${sides.baseline} measured as two interleaved arms: its difference should be 0.</p>${table(['control', 'RTT ms', 'Δ ms', '95% CI ms', 'page loads', ''], aaRows)}` : ''}
${
  httpAa.length
    ? `<h3>A/A control under load</h3><p>The action replayed as two cells of the same blocks: its throughput ratio should be 1. The burden of proof is on the instrument: a load ratio is judged only where this ratio's 90% CI lies inside 1 ± ${e(HTTP_AA_BAND * 100)}% (DESIGN, fixed before looking); a wider one means the run was too noisy to judge, not that the arms differ.</p>${table(['control', 'ratio', '90% CI', 'blocks', ''], httpAa)}`
    : ''
}</section>`;
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const mbit = (bitsPerSecond: number) => `${+(bitsPerSecond / 1e6).toFixed(3)} Mbit/s`;

/** Cells of a scenario in reading order: by connections and encoding, then the action, its twin, the route variants, the floor. */
function orderedCells(http: HttpResults, scenario: string) {
  const rank = (cell: HttpResults['cells'][number]) =>
    cell.variant === 'floor' ? 3 : cell.twin ? 1 : cell.variant === 'action' ? 0 : 2;
  return http.cells
    .filter((cell) => cell.scenario === scenario)
    .sort(
      (a, b) =>
        a.connections - b.connections ||
        a.encoding.localeCompare(b.encoding) ||
        rank(a) - rank(b) ||
        a.variant.localeCompare(b.variant),
    );
}

const cellLabel = (cell: { variant: string; twin: boolean }) => `${cell.variant}${cell.twin ? ' (A/A twin)' : ''}`;

/** A scenario's load charts: throughput per condition with its 95% CI, percentiles and the server's CPU and memory at the top condition. */
function httpCharts(http: HttpResults, scenario: string) {
  const cells = orderedCells(http, scenario).filter((cell) => !cell.twin);
  const variants = [...new Set(cells.map((cell) => cell.variant))];
  const conditionOf = (cell: HttpResults['cells'][number]) => `x${cell.connections} ${cell.encoding}`;
  const conditions = [...new Set(cells.map(conditionOf))];
  const at = (variant: string, condition: string) =>
    cells.find((cell) => cell.variant === variant && conditionOf(cell) === condition);
  const top = Math.max(...cells.map((cell) => cell.connections));
  const topCells = cells.filter((cell) => cell.connections === top && cell.encoding === (http.encodings[0] ?? 'gzip'));
  return {
    id: scenario,
    conditions,
    throughput: variants.map((variant) => ({
      variant,
      values: conditions.map((condition) => at(variant, condition)?.interactionsPerSec ?? null),
      // Each bar's whisker: the 95% CI of its median over repeats.
      ci: conditions.map((condition) => at(variant, condition)?.interactionsPerSecCi.ci95 ?? null),
    })),
    percentiles: topCells.map((cell) => ({
      variant: cell.variant,
      values: [
        cell.interactionLatencyMs.p50,
        cell.interactionLatencyMs.p90,
        cell.interactionLatencyMs.p99,
        cell.interactionLatencyMs.p99_9,
      ],
    })),
    resources: topCells.map((cell) => ({
      variant: cell.variant,
      points: (cell.server?.points ?? []).map((point) => ({
        x: round(point.tMs / 1000),
        cpu: round(point.cpuPct, 1),
        rss: round(point.rssMb, 1),
      })),
    })),
    top: `x${top} ${http.encodings[0] ?? 'gzip'}`,
  };
}

function httpChartData(http: HttpResults) {
  return [...new Set(http.cells.map((cell) => cell.scenario))].map((scenario) => httpCharts(http, scenario));
}

/** The load charts of a scenario, each with its data table. */
function httpFigures(http: HttpResults, scenario: string): string {
  const charts = httpCharts(http, scenario);
  const variants = charts.throughput.map((t) => t.variant).join(', ');
  const rps = chartFigure({
    id: `http-rps-${scenario}`,
    label: `Bar chart, ${scenario} under load: interactions per second by condition (${charts.conditions.join(', ')}), a bar per variant (${variants}) with a whisker for its 95% CI; the data table follows.`,
    caption: 'Interactions per second by condition (median over repeats; whiskers: 95% CI)',
    headers: ['variant', 'condition', 'interactions/s', '95% CI'],
    rows: charts.throughput.flatMap((t) =>
      charts.conditions.flatMap((condition, i) =>
        t.values[i] === null
          ? []
          : [[e(t.variant), e(condition), e(t.values[i]!.toFixed(0)), t.ci[i] ? e(ciText(t.ci[i]!)) : '–']],
      ),
    ),
  });
  const pct = chartFigure({
    id: `http-pct-${scenario}`,
    label: `Line chart, ${scenario} under load at ${charts.top}: interaction latency (ms, logarithmic) at p50, p90, p99 and p99.9, a line per variant (${charts.percentiles.map((p) => p.variant).join(', ')}); the data table follows.`,
    caption: `Interaction latency percentiles at the highest connection count (${e(charts.top)})`,
    headers: ['variant', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms'],
    rows: charts.percentiles.map((p) => [e(p.variant), ...p.values.map(ms)]),
  });
  const resource = (measure: 'cpu' | 'rss', what: string, unit: string) =>
    chartFigure({
      id: `http-${measure}-${scenario}`,
      label: `Line chart, ${scenario} under load at ${charts.top}: the server's ${what} (${unit}) against seconds into the load, a line per variant (${charts.resources.map((r) => r.variant).join(', ')}); the data table follows.`,
      caption: `Server ${e(what)} (${e(unit)}) during the highest-connection repeats`,
      headers: ['variant', 's into the load', `${what} ${unit}`],
      rows: charts.resources.flatMap((r) =>
        r.points.map((point) => [e(r.variant), e(point.x.toFixed(1)), e(point[measure].toFixed(1))]),
      ),
    });
  return `<div class="charts">${rps}${pct}${resource('cpu', 'CPU', '%')}${resource('rss', 'resident memory', 'MB')}</div>`;
}

function httpSection(http: HttpResults): string {
  const scenarios = [...new Set(http.cells.map((cell) => cell.scenario))];
  const mode = {
    amount: 'a fixed number of interactions per window (closed model)',
    duration: 'a fixed duration per window (closed model)',
    rate: 'arrivals on a fixed schedule (open model: latency counted from each interaction’s intended start)',
  }[http.mode];
  const saturated = http.cells.filter((cell) => cell.loadGeneratorSaturated);
  const served = http.server;
  const isolation = http.isolation;
  const where = !isolation
    ? 'The load generator ran in the runner’s own process, on the cores the server used: compare cells, not absolute numbers.'
    : isolation.pinned
      ? `The load generator ran in a process of its own on core ${e(isolation.generatorCores!.join(','))}, the servers on core ${e(isolation.serverCores!.join(','))} (taskset).`
      : `The load generator ran in a process of its own, not pinned (${e(isolation.note ?? '')}): it shares the cores with the server.`;
  return `<section id="http"><h2>Under HTTP load</h2>
${served?.remote ? `<p class="warn-text">Against the deployment at <code>${e(served.origin)}</code> (build <code>${e(served.buildId)}</code>, action key ${served.actionKeyFixed ? 'fixed' : 'not fixed'}), not the local server: the network between here and there is part of every number, there is no floor server, and the server's CPU and memory were not sampled. Rows this run wrote there start with <code>${e(served.scopeTag)}</code>.</p>` : ''}
<p>The exact requests each variant's interaction sent from Chromium (captured this run) replayed as whole interactions, with ${e(mode)}.
${
  http.windowSeconds === undefined
    ? `Every cell ran ${e(http.repeats)} short repeats, interleaved with every other cell's in a seeded random order; a cell's numbers are medians over its repeats with distribution-free CIs, and every ratio is paired by repeat (a t interval on the logs).`
    : `First a discarded warm-up: each group of cells compared with one another ran in blocks until its throughput stopped changing (three blocks within ±5%). Then ${e(http.repeats)} blocks: in each, the cells of a group ran as a palindrome of windows of about ${e(http.windowSeconds)} s (A B C C B A, a fresh random order per block), so a drift linear in time cancels from every ratio, which is paired by block (a t interval on the logs of the block ratios). A cell's numbers are medians over its windows with distribution-free CIs. <b>trend</b> is the cell against its group over the blocks (% per block): a CI excluding 0 means it was still changing against the cells it is compared with, and the rows it feeds are held back.`
}
Compression is a condition: <b>gzip</b> replays the browser's accept-encoding (Next compresses the action's streamed RSC response but not
small JSON), <b>identity</b> sends none (compression left to a proxy or CDN).
Each replayed interaction writes under a scope of its own, so acknowledged (2xx) mutations can be matched to rows persisted.
<b>floor</b> is a bare node:http server running the same service functions on the same database: what is left without the framework.
${where}</p>
${saturated.length ? `<p class="warn-text">The load generator used ≥ 90% of a core in ${e(saturated.map((c) => `${c.scenario}/${c.variant} x${c.connections}`).join(', '))}: there, it may be the bottleneck, not the server.</p>` : ''}
${scenarios.map((scenario) => httpScenario(http, scenario)).join('\n')}</section>`;
}

const ciText = ([lo, hi]: readonly [number, number], digits = 0) => `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;

function httpScenario(http: HttpResults, scenario: string): string {
  const cells = orderedCells(http, scenario);
  const rows = cells.map((cell) => [
    e(cellLabel(cell)),
    `${e(cell.encoding)} x${e(cell.connections)}`,
    `${e(cell.interactionsPerSec.toFixed(0))} <small>(${e(ciText(cell.interactionsPerSecCi.ci95))})</small>`,
    `${ms(cell.interactionLatencyMs.p50)} <small>(${e(ciText(cell.interactionP50Ci.ci95, 1))})</small> / ${ms(cell.interactionLatencyMs.p99)}`,
    `${e(Math.round(cell.requestBytesPerInteraction))} / ${e(Math.round(cell.responseBytesPerInteraction))}`,
    cell.serverCpuMsPerInteraction === null ? 'not measured' : e(cell.serverCpuMsPerInteraction.toFixed(2)),
    cell.server
      ? `${e(cell.server.peakCpuPct.toFixed(0))}% / ${e(cell.server.peakRssMb.toFixed(0))} MB`
      : 'not measured (remote target)',
    `${pct(cell.loadGeneratorCpu)}${cell.loadGeneratorSaturated ? ' <span class="badge warn">saturated</span>' : ''}${cell.busyRepeats ? ` <span class="badge warn">busy ×${e(cell.busyRepeats)}</span>` : ''}`,
    steadiness(cell),
    cell.failed ? `<span class="badge bad">failed</span> ${e(cell.failed)}` : '<span class="badge ok">valid</span>',
  ]);
  const ratioRows = http.ratios
    .filter((r) => r.scenario === scenario && r.kind !== 'aa')
    .map((r) => [
      `${e(r.a)} / ${e(r.b)}`,
      `${e(r.encoding)} x${e(r.connections)}`,
      e(
        {
          interactionsPerSec: 'interactions/s',
          interactionP50: 'interaction p50',
          serverCpuMsPerInteraction: 'server CPU per interaction',
        }[r.measure],
      ),
      `<b>${e(r.estimate.toFixed(2))}</b>`,
      `[${e(r.ci95[0].toFixed(2))}, ${e(r.ci95[1].toFixed(2))}]`,
      e(r.repeats),
    ]);
  const integrity = cells.map((cell) => [
    e(cellLabel(cell)),
    `${e(cell.encoding)} x${e(cell.connections)}`,
    e(cell.interactions),
    e(cell.acknowledged),
    e(cell.persisted),
    e(cell.duplicated),
    `${e(cell.non2xx)} / ${e(cell.errors)} / ${e(cell.invalid)}`,
    cell.persisted === cell.acknowledged && cell.duplicated === 0
      ? '<span class="badge ok">nothing lost</span>'
      : '<span class="badge bad">mismatch</span>',
  ]);
  return `<h3>Scenario <code>${e(scenario)}</code> under load</h3>
${table(['variant', 'condition', 'interactions/s (95% CI)', 'interaction ms p50 (CI) / p99', 'bytes sent / received per interaction', 'server CPU ms / interaction', 'server peak CPU / RSS', 'load generator CPU', 'steady state', 'responses'], rows)}
<h4>Ratios (paired by block)</h4>
${table(['ratio', 'condition', 'measure', 'estimate', '95% CI', 'blocks'], ratioRows)}${floorNote(http, scenario)}
<h4>Integrity</h4>
${table(['variant', 'condition', 'interactions', 'acknowledged (2xx)', 'persisted', 'applied twice', 'non-2xx / errors / invalid', ''], integrity)}
${httpFigures(http, scenario)}`;
}

/** The warm-up and the trend of a cell in words: how long it warmed, whether it stayed level against its group. */
function steadiness(cell: HttpResults['cells'][number]): string {
  const warmup = cell.warmup
    ? `warm-up ${e(cell.warmup.blocksPerSec.length)} blocks${cell.warmup.steady ? '' : ' <span class="badge bad">never steady</span>'}`
    : '';
  const trend = cell.trend
    ? `trend ${e(signedPct(cell.trend.perStepPct))}/block <small>(${e(signedPct(cell.trend.ci95Pct[0]))} to ${e(signedPct(cell.trend.ci95Pct[1]))})</small>${cell.trend.stationary ? '' : ' <span class="badge bad">drifting</span>'}`
    : '';
  return [warmup, trend].filter(Boolean).join('<br>') || 'not checked';
}

const signedPct = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}%`;

/** Why a scenario shows no "vs floor" ratios: its floor measured the load generator. */
function floorNote(http: HttpResults, scenario: string): string {
  const bound = http.cells.filter(
    (cell) => cell.scenario === scenario && cell.variant === 'floor' && cell.loadGeneratorSaturated,
  );
  return bound.length
    ? `<p class="warn-text">No ratio against the floor at ${e(bound.map((cell) => `${cell.encoding} x${cell.connections} (the load generator at ${pct(cell.loadGeneratorCpu)} of its core)`).join(', '))}: saturated, so the floor measured the generator, not a server.</p>`
    : '';
}

function microSection(micro: NonNullable<Results['micro']>): string {
  const rows = micro.tasks.map((task) => [
    e(task.name),
    task.opsPerSec === null ? '—' : e(Math.round(task.opsPerSec).toLocaleString('en')),
    task.meanNs === null ? '—' : e((task.meanNs / 1000).toFixed(2)),
    task.rme === null ? '—' : `±${e(task.rme.toFixed(1))}%`,
    e(task.samples),
    task.error ? `<span class="badge bad">refused</span> ${e(task.error)}` : '',
  ]);
  return `<section id="micro"><h2>In-process costs (micro-benchmarks)</h2>
<p>tinybench in a separate Node process under the react-server condition, production React (Next's compiled copy).
Action arguments go through React's encodeReply/decodeReply; a Route Handler body through JSON.stringify/parse.</p>
${table(['task', 'ops/s', 'mean µs', 'margin of error', 'samples', ''], rows)}</section>`;
}

function probesSection(probes: ProbeResults): string {
  const kb = (bytes: number) => e((bytes / 1024).toFixed(1));
  const jsRows = probes.clientJs.map((row) => [
    `${e(row.scenario)}/${e(row.variant)}`,
    e(row.scripts),
    kb(row.rawBytes),
    kb(row.gzipBytes),
  ]);
  const codeRows = probes.transportCode.map((row) => [
    `${e(row.scenario)}/${e(row.variant)}`,
    e(row.lines),
    row.files.map((file) => `<code>${e(file.path)}</code> ${e(file.lines)}`).join('<br>'),
  ]);
  return `<section id="probes"><h2>Probes: static metrics and behaviour</h2>
<p>Client JavaScript: every script a fresh page load of each variant fetched in Chromium (no cache) until it hydrated and
the network was idle; raw = decoded bytes, gzip = each script gzipped at level 6 (C10).</p>
${table(['page', 'scripts', 'raw KB', 'gzip KB'], jsRows)}
<p>Each variant's own code: non-blank, non-comment lines (TypeScript's scanner) of the files only that transport needs;
the shared service and the UI component that takes the transport as a prop are excluded (C9).</p>
${table(['variant', 'lines', 'files (lines)'], codeRows)}${probes.caching ? cachingTable(probes.caching) : ''}${probes.middleware ? middlewareTable(probes.middleware) : ''}${behaviourTables(probes)}${
    probes.secrets ? secretsTable(probes.secrets) : ''
  }</section>`;
}

function behaviourTables(probes: ProbeResults): string {
  const outcome = (persisted: boolean) =>
    persisted
      ? '<span class="badge warn">accepted: persisted</span>'
      : '<span class="badge ok">rejected: nothing persisted</span>';
  const csrf = probes.csrf?.length
    ? `<p>CSRF (C5): a mutation with a foreign Origin, <code>Origin: null</code> and none from a plain HTTP client, and a real
cross-site form posted by Chromium from a page on another loopback port (for the JSON Route Handler, the
<code>text/plain</code> form whose body parses as JSON); then the shapes only a client that is no browser sends, shown
and not judged: a malformed Origin, a scheme-less one, and a foreign Origin whose host the request's <code>Host</code>
or <code>x-forwarded-host</code> repeats. <code>/api/probe/csrf-protected</code> is the control: the same route with an Origin check.</p>
${table(
  ['transport', 'path', 'sent with', 'status', 'outcome'],
  probes.csrf.map((row) => [
    e(row.transport),
    `<code>${e(row.path)}</code>`,
    e(row.origin),
    e(row.status ?? '—'),
    outcome(row.persisted),
  ]),
)}`
    : '';
  const noJs = probes.noJs
    ? `<p>No JavaScript (C6): the form bound to an action at <code>/probe/csrf</code>, submitted with JavaScript disabled: status ${e(probes.noJs.status ?? '—')},
count shown ${e(probes.noJs.countBefore ?? '—')} → ${e(probes.noJs.countAfter ?? '—')}, ${probes.noJs.persisted ? 'persisted' : 'not persisted'}.</p>`
    : '';
  const publicActions = probes.publicActions?.length
    ? `<p>Public endpoints (C8): actions called from a plain HTTP client with only their id from the build's manifest.</p>
${table(
  ['action', 'imported by a client', 'in the build', 'status', 'persisted'],
  probes.publicActions.map((row) => [
    e(row.action),
    row.importedByClient ? 'yes' : 'no',
    row.inBuild ? 'yes' : 'no',
    e(row.status ?? '—'),
    row.persisted ? 'yes' : 'no',
  ]),
)}`
    : '';
  const builds = probes.builds
    ? `<p>Extra builds (--build-probes): ${probes.builds.actionIds.map((row) => `${e(row.build)}: ${e(row.sameAsMeasured)} of ${e(row.actions)} action ids unchanged`).join('; ')}; a client component importing
the server-only module: the build ${probes.builds.serverOnlyMisuse.buildFailed ? `failed (<code>${e(probes.builds.serverOnlyMisuse.message ?? '')}</code>)` : 'succeeded'}.</p>`
    : '';
  return csrf + noJs + publicActions + builds;
}

function middlewareTable(rows: NonNullable<ProbeResults['middleware']>): string {
  return `<p>Middleware (C12): what the fixture's Next proxy (<code>bench-app/proxy.ts</code>, matching the probe paths only) marked on each response.</p>
${table(
  ['request', 'method and path', 'status', 'the proxy saw it'],
  rows.map((row) => [
    e(row.request),
    `${e(row.method)} <code>${e(row.path)}</code>`,
    e(row.status),
    row.proxySaw === null ? 'no' : `<code>${e(row.proxySaw)}</code>`,
  ]),
)}`;
}

function secretsTable(secrets: NonNullable<ProbeResults['secrets']>): string {
  const found = (list: string[]) => (list.length ? `<span class="badge bad">${e(list.join(', '))}</span>` : 'none');
  return `<p>Server-only secret (C13): a planted secret used by an action and a Route Handler, searched byte for byte.</p>
${table(
  ['where', 'scanned', 'MB', 'holding the secret'],
  [
    [
      'client build output (<code>.next/static</code>)',
      `${e(secrets.clientFiles.scanned)} files`,
      e((secrets.clientFiles.bytes / 1e6).toFixed(2)),
      found(secrets.clientFiles.containing),
    ],
    [
      'every response the browser received (probe page and its action call)',
      `${e(secrets.browser.responses)} responses`,
      e((secrets.browser.bytes / 1e6).toFixed(2)),
      found(secrets.browser.containing),
    ],
  ],
)}
<p>The server used it: action ${secrets.actionUsedSecret ? 'yes' : 'no'}, route ${secrets.routeUsedSecret ? 'yes' : 'no'}; the scan saw the action's own response: ${secrets.signatureSeen ? 'yes' : 'no'}.</p>`;
}

function cachingTable(caching: NonNullable<ProbeResults['caching']>): string {
  const header = (value: string | null) => (value === null ? '<i>none</i>' : `<code>${e(value)}</code>`);
  const rows = [
    ['action (POST)', e(caching.action.status), header(caching.action.cacheControl), '—'],
    ...caching.routes.map((row) => [
      `GET <code>${e(row.path)}</code> (${e(row.route)})`,
      e(row.status),
      header(row.cacheControl),
      row.freshAfterMutation ? 'fresh' : 'stale',
    ]),
  ];
  return `<p>Caching (C7): the response headers, and a GET read right after a mutation of what it lists.</p>
${table(['request', 'status', 'Cache-Control', 'read after a mutation'], rows)}`;
}

/** Quotes a shell word only when it needs it. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/**
 * The command that measures this run again: its checkout, its flags and its seed (added when the run drew it).
 * `--out` is left out: a new run needs a new folder.
 */
export function reproduceCommand(environment: Results['environment']): string {
  const flags: string[] = [];
  for (let index = 0; index < environment.argv.length; index++) {
    const arg = environment.argv[index]!;
    if (arg === '--out') index++;
    else if (!arg.startsWith('--out=')) flags.push(arg);
  }
  if (!flags.some((arg) => arg === '--seed' || arg.startsWith('--seed=')))
    flags.push('--seed', String(environment.seed));
  const checkout = environment.gitSha.endsWith('+dirty')
    ? `git checkout ${environment.gitSha.replace('+dirty', '')} (the run had uncommitted changes)`
    : `git checkout ${environment.gitSha}`;
  return `${checkout} && npm ci && npm run bench -- ${flags.map(shellWord).join(' ')}`;
}

function environmentSection(results: Results): string {
  const env = results.environment;
  const show = (value: unknown) =>
    Array.isArray(value)
      ? value.join(' ') || '(none: the defaults)'
      : typeof value === 'object' && value !== null
        ? Object.entries(value)
            .map(([name, text]) => `${name}=${text}`)
            .join(' ') || 'none'
        : value;
  const rows = Object.entries(env).map(([key, value]) => [e(key), `<code>${e(show(value))}</code>`]);
  // A version matrix: what each version was installed and built with (the rows above are the last version's).
  for (const version of results.matrix?.versions ?? []) {
    rows.push([
      e(version.label),
      `<code>${e(`next ${version.next}, react ${version.react}, react-dom ${version.reactDom}, ${version.bundler}, ${version.installDir ?? "the project's node_modules"}`)}</code>`,
    ]);
  }
  return `<section id="environment"><h2>Environment</h2>${table(['', ''], rows, 'env')}
<p>To measure it again: <code>${e(reproduceCommand(env))}</code></p></section>`;
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:${TEXT_COLORS.text}}
h1{font-size:1.5rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}th{background:#f5f5f5}
td:first-child,th:first-child{text-align:left}table.verdicts td,table.verdicts th{text-align:left}td.verdicts{text-align:left;max-width:40rem}td.verdicts .verdict{display:inline-block;margin:0 .5rem .2rem 0}
.badge{display:inline-block;white-space:nowrap;padding:0 .45rem;border-radius:.6rem;font-size:.85em;color:#fff;background:${BADGE_COLORS.muted}}
td .badge{white-space:normal}.ok{background:${BADGE_COLORS.ok}}.bad{background:${BADGE_COLORS.bad}}.warn{background:${BADGE_COLORS.warn}}.muted{background:${BADGE_COLORS.muted}}
blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid #bbb;color:${TEXT_COLORS.quote}}cite{font-size:.85em;color:${TEXT_COLORS.cite}}
.charts{display:flex;gap:1rem;flex-wrap:wrap}figure{flex:1 1 480px;margin:0}canvas{max-height:340px}figure details table{font-size:.9em}figure details th,figure details td{padding:.2rem .35rem}
code{background:#f3f3f3;padding:0 .2rem}.warn-text{color:${TEXT_COLORS.warn}}.scroll{overflow-x:auto}
figure details{margin:.3rem 0;font-size:.9em}figure summary{cursor:pointer}figcaption{font-size:.9em}
nav.toc{margin:1.2rem 0;padding:.5rem 1rem;border:1px solid #ddd;background:#fafafa}nav.toc p{margin:0;font-weight:600}nav.toc ol{margin:.3rem 0 0;padding-left:1.6rem;columns:2 18rem}
table.verdicts{width:100%}table.verdicts td:last-child{overflow-wrap:anywhere}table.verdicts .quote{color:#555}
figure.waterfall{flex-basis:100%}figure.waterfall canvas{max-height:none}strong.regression{color:${BADGE_COLORS.bad}}
@media print{body{max-width:none;margin:0;font-size:10pt}details{display:none}.scroll{overflow:visible}table{width:100%;table-layout:fixed}th,td{overflow-wrap:anywhere;word-break:break-word}.badge{white-space:normal}pre,code{white-space:pre-wrap;overflow-wrap:anywhere}h2{break-after:avoid}table,figure,blockquote{break-inside:avoid}canvas{max-width:100%!important;height:auto!important}a{color:inherit;text-decoration:none}}`;

/** Runs in the report page (after VARIANT_STYLE_SCRIPT): builds the charts from the embedded data, each variant in its style. */
const CHART_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const style = window.benchStyle;
  const lineLegend = style.lineLegend();
  for (const scenario of data.http) {
    const highest = Math.max(0, ...scenario.throughput.flatMap((t) => t.ci.map((ci, i) => (ci ? ci[1] : t.values[i] || 0))));
    new Chart(document.getElementById('http-rps-' + scenario.id), {
      type: 'bar',
      data: { labels: scenario.conditions, datasets: scenario.throughput.map((t) => ({
        label: t.variant, data: t.values, ci: t.ci,
        backgroundColor: style.fill(t.variant, ''), borderColor: style.of(t.variant).color, borderWidth: 1 })) },
      options: { animation: false, plugins: { title: { display: true, text: scenario.id + ': interactions / s (whiskers: 95% CI)' } },
        scales: { y: { beginAtZero: true, suggestedMax: highest * 1.05, title: { display: true, text: 'interactions / s' } } } },
      plugins: [style.whiskers],
    });
    new Chart(document.getElementById('http-pct-' + scenario.id), {
      type: 'line',
      data: { labels: ['p50', 'p90', 'p99', 'p99.9'], datasets: scenario.percentiles.map((p) => ({
        label: p.variant + ' ' + scenario.top, data: p.values, ...style.line(p.variant, false) })) },
      options: { animation: false, plugins: { legend: lineLegend },
        scales: { y: { type: 'logarithmic', title: { display: true, text: 'interaction latency ms' } } } },
    });
    for (const [measure, title] of [['cpu', 'CPU %'], ['rss', 'RSS MB']]) {
      new Chart(document.getElementById('http-' + measure + '-' + scenario.id), {
        type: 'line',
        data: { datasets: scenario.resources.map((r) => ({
          label: r.variant, data: r.points.map((p) => ({ x: p.x, y: p[measure] })), ...style.line(r.variant, false), pointRadius: 2.5 })) },
        options: { animation: false, parsing: false, plugins: { legend: lineLegend },
          scales: { x: { type: 'linear', title: { display: true, text: 's into the load' } }, y: { title: { display: true, text: title } } } },
      });
    }
  }
  for (const scenario of data.scenarios) {
    new Chart(document.getElementById('latency-' + scenario.id), {
      type: 'line',
      data: { datasets: scenario.latency.flatMap((line) => {
        const color = style.of(line.variant).color;
        return [
          { label: line.label + ' CI low', data: line.points.map((p) => ({ x: p.x, y: p.ci95[0] })), borderColor: 'transparent', pointRadius: 0, fill: false },
          { label: line.label + ' CI high', data: line.points.map((p) => ({ x: p.x, y: p.ci95[1] })), borderColor: 'transparent', backgroundColor: color + '22', pointRadius: 0, fill: '-1' },
          { label: line.label, data: line.points.map((p) => ({ x: p.x, y: p.median })), ...style.line(line.variant, line.shipped), pointRadius: 3.5 },
        ];
      }) },
      options: { animation: false, parsing: false,
        plugins: { title: { display: true, text: scenario.id + ': latency against RTT' },
          legend: style.lineLegend((item) => !/ CI (low|high)$/.test(item.text)) },
        scales: { x: { type: 'linear', title: { display: true, text: 'emulated RTT (ms)' } }, y: { title: { display: true, text: 'median latency (ms)' } } } },
    });
    for (const cdf of scenario.cdfs) {
      new Chart(document.getElementById('cdf-' + scenario.id + '-' + cdf.rttMs), {
        type: 'line',
        data: { datasets: cdf.lines.map((line) => ({ label: line.label, data: line.points, stepped: true,
          ...style.line(line.variant, line.shipped), pointRadius: 0 })) },
        options: { animation: false, parsing: false,
          plugins: { title: { display: true, text: scenario.id + ' at RTT ' + cdf.rttMs + ' ms: latency CDF' }, legend: lineLegend },
          scales: { x: { type: 'linear', title: { display: true, text: 'latency ms' } },
            y: { min: 0, max: 1, title: { display: true, text: 'fraction of interactions' } } } },
      });
    }
    if (!scenario.diff.length) continue;
    new Chart(document.getElementById('diff-' + scenario.id), {
      type: 'bar',
      data: { labels: scenario.rtts.map((r) => r + ' ms'), datasets: scenario.diff.map((d) => {
        const row = (r) => d.rows.find((x) => x.rttMs === r);
        return { label: d.label, data: scenario.rtts.map((r) => (row(r) ? row(r).ci95 : null)),
          medians: scenario.rtts.map((r) => (row(r) ? row(r).median : null)),
          backgroundColor: style.fill(d.variant, '55'), borderColor: style.of(d.variant).color, borderWidth: d.shipped ? 1 : 2 };
      }) },
      options: { animation: false, plugins: { title: { display: true, text: scenario.id + ': route − action (bars: 95% CI, line: estimate)' } },
        scales: { x: { title: { display: true, text: 'RTT' } }, y: { title: { display: true, text: 'route − action (ms)' } } } },
      plugins: [style.medians],
    });
  }
})();`;
