import escapeHtml from 'escape-html';
import type { Cell } from '../runner/results/schema';

/**
 * One interaction's request log: the cell's interaction whose latency is its median (kept by summarize's cellOf);
 * a cell without it (every run before it was kept) draws no waterfall.
 */
export type MedianInteraction = NonNullable<Cell['medianInteraction']>;

type CellWithInteraction = Pick<Cell, 'scenario' | 'variant' | 'rttMs' | 'chrome' | 'medianInteraction'>;

/** One row of a waterfall: a request, or the whole interaction (click to the new value on screen). */
export interface WaterfallBar {
  label: string;
  kind: 'interaction' | 'request';
  startMs: number;
  endMs: number;
}

/** One scenario's chart: every variant's median interaction at one RTT and Chrome mode, a row per bar. */
export interface Waterfall {
  scenario: string;
  title: string;
  labels: string[];
  kinds: WaterfallBar['kind'][];
  /** Per variant, a [start, end] per row: its own rows filled, the other variants' null (Chart.js floating bars). */
  datasets: { variant: string; bars: ([number, number] | null)[] }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A path as a row label: the query's values (RSC cache-busters) dropped, its keys kept ("/x?_rsc"). */
function shortPath(path: string): string {
  const [pathname, query] = path.split('?', 2);
  return query === undefined
    ? pathname!
    : `${pathname}?${query
        .split('&')
        .map((pair) => pair.split('=')[0])
        .join('&')}`;
}

/** A variant's interaction as bars in time order, ms from the click's input time: the whole interaction, then each request. */
export function interactionBars(variant: string, interaction: MedianInteraction): WaterfallBar[] {
  const requests = [...interaction.requests].sort((a, b) => a.startMs - b.startMs);
  return [
    {
      label: `${variant}: click → new value shown`,
      kind: 'interaction',
      startMs: 0,
      endMs: round(interaction.latencyMs),
    },
    ...requests.map((request) => ({
      label: `${variant}: ${request.method} ${shortPath(request.path)} → ${request.status ?? 'no answer'}`,
      kind: 'request' as const,
      startMs: round(request.startMs),
      endMs: round(request.endMs),
    })),
  ];
}

/**
 * Per scenario, one waterfall of each variant's median interaction, at the highest RTT measured (where each
 * round trip shows as a gap of one RTT) in Chrome with input deferral off (the accuracy reference) when the run
 * has it. Scenarios whose cells carry no interaction are left out.
 */
export function waterfalls(cells: readonly CellWithInteraction[]): Waterfall[] {
  const withInteraction = cells.filter((cell) => cell.medianInteraction);
  return [...new Set(withInteraction.map((cell) => cell.scenario))].map((scenario) => {
    const own = withInteraction.filter((cell) => cell.scenario === scenario);
    const chrome = own.some((cell) => cell.chrome === 'no-defer') ? 'no-defer' : 'shipped';
    const rttMs = Math.max(...own.filter((cell) => cell.chrome === chrome).map((cell) => cell.rttMs));
    const shown = own.filter((cell) => cell.chrome === chrome && cell.rttMs === rttMs);
    const perVariant = shown.map((cell) => ({
      variant: cell.variant,
      bars: interactionBars(cell.variant, cell.medianInteraction!),
    }));
    const rows = perVariant.flatMap(({ bars }) => bars);
    return {
      scenario,
      title: `${scenario}: each variant's median interaction at RTT ${rttMs} ms${chrome === 'shipped' ? ' (shipped Chrome)' : ''}`,
      labels: rows.map((bar) => bar.label),
      kinds: rows.map((bar) => bar.kind),
      datasets: perVariant.map(({ variant, bars }) => ({
        variant,
        bars: rows.map((row) => (bars.includes(row) ? ([row.startMs, row.endMs] as [number, number]) : null)),
      })),
    };
  });
}

const e = (value: unknown) => escapeHtml(String(value));
/** Rows keep a readable height whatever their number (a fixed aspect ratio would squeeze them); Chart.js sizes the canvas to this box. */
const chartHeightPx = (rows: number) => 90 + rows * 24;

/** The report's section: one chart per scenario, or nothing when no cell carries an interaction. */
export function waterfallSection(charts: readonly Waterfall[]): string {
  if (!charts.length) return '';
  return `<section><h2>One interaction, request by request</h2>
<p>Each variant's interaction whose latency is its cell's median, drawn from the request log: a bar per request from its start to
its response's end, labelled method, path and status, in ms from the click's input time; the paler bar is the whole interaction,
until the new value was on screen. A request that starts after another's answer is a round trip of its own.</p>
<div class="charts">${charts
    .map(
      (chart) =>
        `<figure class="waterfall"><div style="position:relative;height:${chartHeightPx(chart.labels.length)}px"><canvas id="waterfall-${e(chart.scenario)}" role="img" aria-label="${e(chart.title)}"></canvas></div><figcaption>${e(chart.title)}: requests (rows) against ms from the click</figcaption></figure>`,
    )
    .join('')}</div></section>`;
}

/** Runs in the report page: draws each waterfall from the embedded chart data's `waterfalls`. */
export const WATERFALL_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const palette = ['#1565c0','#c62828','#2e7d32','#6a1b9a','#ef6c00','#00838f','#5d4037','#ad1457'];
  for (const chart of data.waterfalls) {
    new Chart(document.getElementById('waterfall-' + chart.scenario), {
      type: 'bar',
      data: { labels: chart.labels, datasets: chart.datasets.map((d, i) => ({
        label: d.variant, data: d.bars, grouped: false,
        backgroundColor: chart.kinds.map((kind) => palette[i % palette.length] + (kind === 'interaction' ? '44' : 'cc')),
        borderColor: palette[i % palette.length], borderWidth: 1 })) },
      options: { animation: false, indexAxis: 'y', maintainAspectRatio: false,
        plugins: { title: { display: true, text: chart.title } },
        scales: { x: { min: 0, title: { display: true, text: 'ms from the click (input time)' } },
          y: { title: { display: true, text: 'request: method, path → status' } } } },
    });
  }
})();`;
