import escapeHtml from 'escape-html';
import type { Cell } from '../runner/contract/results';
import { chartFigure, table } from './html';

/**
 * One interaction's request log: the cell's interaction whose latency is its median (kept by summarize's cellOf);
 * a cell without it (every run before it was kept) draws no waterfall.
 */
export type MedianInteraction = NonNullable<Cell['medianInteraction']>;

type CellWithInteraction = Pick<Cell, 'scenario' | 'variant' | 'rttMs' | 'chrome' | 'medianInteraction'>;

/**
 * A part of a bar: on the interaction's row its input delay (input time to the click listener) and the rest until
 * the new value was shown; on a request's row the wait for its first byte (time to first byte) and the download
 * after it, or the whole request where its first byte was not recorded.
 */
export type WaterfallPhase = 'input-delay' | 'interaction' | 'wait' | 'download' | 'request';

/** The phases in words: the data table's and the tooltips'. */
export const PHASE_LABELS: Record<WaterfallPhase, string> = {
  'input-delay': 'input delay (input time → click listener)',
  interaction: 'click listener → new value shown',
  wait: 'waiting for the first byte',
  download: 'download (first byte → end)',
  request: 'request (first byte not recorded)',
};

export interface WaterfallSegment {
  phase: WaterfallPhase;
  startMs: number;
  endMs: number;
}

/** One row of a waterfall: a request, or the whole interaction (click to the new value on screen), in its phases. */
export interface WaterfallBar {
  label: string;
  kind: 'interaction' | 'request';
  startMs: number;
  endMs: number;
  segments: WaterfallSegment[];
}

/** A moment of a variant's interaction, drawn as a line across its rows: the click listener, the first byte, a mark, the value shown. */
export interface WaterfallMark {
  variant: string;
  name: string;
  atMs: number;
}

/** One scenario's chart: every variant's median interaction at one RTT and Chrome mode, a row per bar. */
export interface Waterfall {
  scenario: string;
  title: string;
  labels: string[];
  kinds: WaterfallBar['kind'][];
  /** The variant of each row. */
  variants: string[];
  /** Per variant and phase, a [start, end] per row: its own segments filled, every other row null (Chart.js floating bars). */
  datasets: { variant: string; phase: WaterfallPhase; label: string; bars: ([number, number] | null)[] }[];
  marks: WaterfallMark[];
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

const segment = (phase: WaterfallPhase, startMs: number, endMs: number): WaterfallSegment => ({
  phase,
  startMs: round(startMs),
  endMs: round(endMs),
});

/** A request's phases: wait then download when its first byte was recorded, else the whole request. */
function requestSegments(request: MedianInteraction['requests'][number]): WaterfallSegment[] {
  if (request.responseStartMs === undefined) return [segment('request', request.startMs, request.endMs)];
  const firstByte = Math.min(Math.max(request.responseStartMs, request.startMs), request.endMs);
  return [segment('wait', request.startMs, firstByte), segment('download', firstByte, request.endMs)];
}

/** A variant's interaction as bars in time order, ms from the click's input time: the whole interaction, then each request. */
export function interactionBars(variant: string, interaction: MedianInteraction): WaterfallBar[] {
  const requests = [...interaction.requests].sort((a, b) => a.startMs - b.startMs);
  const delay = interaction.inputDelayMs;
  return [
    {
      label: `${variant}: click → new value shown`,
      kind: 'interaction',
      startMs: 0,
      endMs: round(interaction.latencyMs),
      segments:
        delay === undefined
          ? [segment('interaction', 0, interaction.latencyMs)]
          : [segment('input-delay', 0, delay), segment('interaction', delay, interaction.latencyMs)],
    },
    ...requests.map((request) => ({
      label: `${variant}: ${request.method} ${shortPath(request.path)} → ${request.status ?? 'no answer'}`,
      kind: 'request' as const,
      startMs: round(request.startMs),
      endMs: round(request.endMs),
      segments: requestSegments(request),
    })),
  ];
}

/**
 * A variant's marks in time order: the click listener (the input delay's end) where recorded, the first response
 * byte of the interaction where recorded, each of the scenario's own marks (the optimistic paint), and the new value shown.
 */
export function interactionMarks(variant: string, interaction: MedianInteraction): WaterfallMark[] {
  const firstBytes = interaction.requests.flatMap((request) =>
    request.responseStartMs === undefined ? [] : [request.responseStartMs],
  );
  const marks: [string, number][] = [
    ...(interaction.inputDelayMs === undefined
      ? []
      : [['click listener', interaction.inputDelayMs] as [string, number]]),
    ...(firstBytes.length ? [['first byte', Math.min(...firstBytes)] as [string, number]] : []),
    ...Object.entries(interaction.marksMs ?? {}),
    ['value shown', interaction.latencyMs],
  ];
  return marks.map(([name, atMs]) => ({ variant, name, atMs: round(atMs) })).sort((a, b) => a.atMs - b.atMs);
}

const PHASE_ORDER: WaterfallPhase[] = ['interaction', 'input-delay', 'request', 'wait', 'download'];

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
    const rows = perVariant.flatMap(({ variant, bars }) => bars.map((bar) => ({ variant, bar })));
    return {
      scenario,
      title: `${scenario}: each variant's median interaction at RTT ${rttMs} ms${chrome === 'shipped' ? ' (shipped Chrome)' : ''}`,
      labels: rows.map(({ bar }) => bar.label),
      kinds: rows.map(({ bar }) => bar.kind),
      variants: rows.map(({ variant }) => variant),
      datasets: perVariant.flatMap(({ variant, bars }) =>
        PHASE_ORDER.filter((phase) => bars.some((bar) => bar.segments.some((s) => s.phase === phase))).map((phase) => ({
          variant,
          phase,
          label: `${variant}: ${PHASE_LABELS[phase]}`,
          bars: rows.map(({ bar }) => {
            const part = bars.includes(bar) ? bar.segments.find((s) => s.phase === phase) : undefined;
            return part ? ([part.startMs, part.endMs] as [number, number]) : null;
          }),
        })),
      ),
      marks: shown.flatMap((cell) => interactionMarks(cell.variant, cell.medianInteraction!)),
    };
  });
}

const e = (value: unknown) => escapeHtml(String(value));
/** Rows keep a readable height whatever their number (a fixed aspect ratio would squeeze them); Chart.js sizes the canvas to this box. */
const chartHeightPx = (rows: number) => 90 + rows * 24;
const ms = (value: number) => value.toFixed(1);

/** A waterfall's numbers: each row's phases from and to, then each variant's marks. */
function waterfallTables(chart: Waterfall): { rows: string[][]; marks: string } {
  const rows = chart.labels.flatMap((label, row) =>
    chart.datasets.flatMap((dataset) => {
      const bar = dataset.bars[row];
      return bar ? [[e(label), e(PHASE_LABELS[dataset.phase]), ms(bar[0]), ms(bar[1]), ms(bar[1] - bar[0])]] : [];
    }),
  );
  const marks = table(
    ['variant', 'mark', 'ms from the click'],
    chart.marks.map((mark) => [e(mark.variant), e(mark.name), ms(mark.atMs)]),
  );
  return { rows, marks };
}

/** The report's section: one chart per scenario, or nothing when no cell carries an interaction. */
export function waterfallSection(charts: readonly Waterfall[]): string {
  if (!charts.length) return '';
  return `<section id="waterfalls"><h2>One interaction, request by request</h2>
<p>Each variant's interaction whose latency is its cell's median, drawn from the request log, in ms from the click's input time.
Each request is a bar from its start to its response's end, labelled method, path and status: its paler part is the wait for the
response's first byte (time to first byte), its solid part the download, where the first byte was recorded. The interaction's own row
runs until the new value was on screen: its solid start is the input delay (input time to the click listener). Lines across a
variant's rows mark the click listener, the first response byte, the scenario's own marks (the optimistic paint) and the value shown.
A request that starts after another's answer is a round trip of its own. Each variant keeps its colour and pattern of every chart.</p>
<div class="charts">${charts
    .map((chart) => {
      const { rows, marks } = waterfallTables(chart);
      const variants = [...new Set(chart.variants)];
      return chartFigure({
        id: `waterfall-${chart.scenario}`,
        label: `Request waterfall, ${chart.title}: ${chart.labels.length} rows (${variants.join(', ')}), each request split into waiting for its first byte and download, with marks for the click listener, the first byte and the value shown; the data table follows.`,
        caption: `${e(chart.title)}: requests (rows) against ms from the click`,
        headers: ['row', 'phase', 'from ms', 'to ms', 'lasting ms'],
        rows,
        after: `<p>Marks</p>${marks}`,
        className: 'waterfall',
        heightPx: chartHeightPx(chart.labels.length),
      });
    })
    .join('')}</div></section>`;
}

/** Runs in the report page (after VARIANT_STYLE_SCRIPT): draws each waterfall from the embedded chart data's `waterfalls`. */
export const WATERFALL_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const style = window.benchStyle;
  const ALPHA = { interaction: '33', 'input-delay': '', request: 'cc', wait: '66', download: '' };
  for (const chart of data.waterfalls) {
    const legendFor = new Map();
    chart.datasets.forEach((d, i) => {
      const best = legendFor.get(d.variant);
      if (best === undefined || ['download', 'request'].includes(d.phase)) legendFor.set(d.variant, i);
    });
    const marks = {
      id: 'marks',
      afterDatasetsDraw(c) {
        const x = c.scales.x, y = c.scales.y, ctx = c.ctx;
        const band = y.height / chart.labels.length;
        for (const variant of new Set(chart.variants)) {
          const rows = chart.variants.flatMap((v, i) => (v === variant ? [i] : []));
          const top = y.getPixelForValue(rows[0]) - band / 2;
          const bottom = y.getPixelForValue(rows[rows.length - 1]) + band / 2;
          const lines = [];
          ctx.save();
          ctx.font = '11px system-ui, sans-serif';
          ctx.textBaseline = 'top';
          for (const mark of chart.marks.filter((m) => m.variant === variant)) {
            const px = x.getPixelForValue(mark.atMs);
            ctx.strokeStyle = style.of(variant).color;
            ctx.lineWidth = 1.5;
            ctx.beginPath(); ctx.moveTo(px, top); ctx.lineTo(px, bottom); ctx.stroke();
            const width = ctx.measureText(mark.name).width + 6;
            const left = px + 3 + width > x.right ? px - 3 - width : px + 3;
            let line = lines.findIndex((right) => right < left);
            if (line < 0) { line = lines.length; lines.push(0); }
            lines[line] = left + width;
            const ty = top + 2 + line * 13;
            ctx.fillStyle = 'rgba(255,255,255,0.9)';
            ctx.fillRect(left, ty, width, 12);
            ctx.fillStyle = '#1b1b1b';
            ctx.fillText(mark.name, left + 3, ty + 1);
          }
          ctx.restore();
        }
      },
    };
    new Chart(document.getElementById('waterfall-' + chart.scenario), {
      type: 'bar',
      data: { labels: chart.labels, datasets: chart.datasets.map((d, i) => ({
        label: d.label, data: d.bars, grouped: false, legendEntry: legendFor.get(d.variant) === i, variant: d.variant,
        backgroundColor: style.fill(d.variant, ALPHA[d.phase]), borderColor: style.of(d.variant).color, borderWidth: 1 })) },
      options: { animation: false, indexAxis: 'y', maintainAspectRatio: false,
        plugins: { title: { display: true, text: chart.title },
          legend: { labels: { filter: (item, d) => d.datasets[item.datasetIndex].legendEntry,
            generateLabels: (c) => Chart.defaults.plugins.legend.labels.generateLabels(c).map((item) => ({ ...item, text: c.data.datasets[item.datasetIndex].variant })) } } },
        scales: { x: { min: 0, title: { display: true, text: 'ms from the click (input time)' } },
          y: { ticks: { autoSkip: false }, title: { display: true, text: 'request: method, path → status' } } } },
      plugins: [marks],
    });
  }
})();`;
