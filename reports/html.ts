import escapeHtml from 'escape-html';
import type { Claim } from '../runner/contract/results';

const VERDICT_CLASS: Record<Claim['verdict'], string> = {
  supported: 'ok',
  refuted: 'bad',
  depends: 'warn',
  inconclusive: 'muted',
  'not-measured': 'muted',
};

/** Badge backgrounds under white text, and coloured text on white: each at least 4.5:1 (WCAG AA for normal text). */
export const BADGE_COLORS = { ok: '#2e7d32', bad: '#c62828', warn: '#ad4e00', muted: '#666666' } as const;
/** Text colours on white (or the #f5f5f5 of a table header): a warning's words, a citation, a quote. */
export const TEXT_COLORS = { text: '#1b1b1b', warn: '#ad4e00', cite: '#595959', quote: '#444444' } as const;

/** A table whose cells are HTML already (escaped by the caller), scrolling sideways on its own when too wide. */
export function table(headers: readonly string[], rows: readonly string[][], className = ''): string {
  return `<div class="scroll"><table class="${className}"><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

/** A verdict as a coloured badge. */
export const verdictBadge = (verdict: Claim['verdict']): string =>
  `<span class="badge ${VERDICT_CLASS[verdict]}">${escapeHtml(verdict)}</span>`;

/**
 * A chart as a figure a screen reader and a reader without colour can use: the canvas with role="img" and an
 * accessible name saying what it shows, its caption, and the same numbers as a data table, folded under it.
 * `caption` and `rows` are HTML (escaped by the caller); `id` and `label` are text.
 */
export function chartFigure(chart: {
  id: string;
  label: string;
  caption: string;
  headers: readonly string[];
  rows: readonly string[][];
  /** What the table holds when it is not every plotted point (a CDF read at fixed fractions). */
  tableNote?: string;
  /** More of the chart's numbers (HTML) after its table, inside the same fold: a waterfall's marks. */
  after?: string;
  className?: string;
  /** A fixed height in px (a waterfall's rows keep theirs whatever their number); the figure's default otherwise. */
  heightPx?: number;
}): string {
  const canvas = `<canvas id="${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.label)}"></canvas>`;
  return `<figure${chart.className ? ` class="${chart.className}"` : ''}>${
    chart.heightPx === undefined ? canvas : `<div style="position:relative;height:${chart.heightPx}px">${canvas}</div>`
  }<figcaption>${chart.caption}</figcaption><details><summary>Data table${chart.tableNote ? `: ${escapeHtml(chart.tableNote)}` : ''}</summary>${table(chart.headers, chart.rows)}${chart.after ?? ''}</details></figure>`;
}

/** How a variant is drawn in every chart of a report: its colour, its line's dash and its bars' fill pattern. */
export interface VariantStyle {
  color: string;
  /** A line's dash (canvas setLineDash): [] is solid. */
  dash: number[];
  /** A bar's fill: solid, or white hatching over the colour. */
  pattern: 'solid' | 'diagonal' | 'dots' | 'back-diagonal' | 'horizontal' | 'cross' | 'vertical' | 'grid';
}

/** Line colours, each at least 3:1 against white (WCAG's non-text contrast), in an order that keeps neighbours apart. */
export const VARIANT_COLORS = [
  '#1565c0',
  '#c62828',
  '#2e7d32',
  '#6a1b9a',
  '#ad4e00',
  '#00838f',
  '#ad1457',
  '#5d4037',
] as const;
const VARIANT_DASHES: readonly number[][] = [
  [],
  [8, 4],
  [2, 3],
  [10, 3, 2, 3],
  [4, 4],
  [14, 3, 3, 3, 3, 3],
  [1, 5],
  [18, 5],
];
const VARIANT_PATTERNS: readonly VariantStyle['pattern'][] = [
  'solid',
  'diagonal',
  'dots',
  'back-diagonal',
  'horizontal',
  'cross',
  'vertical',
  'grid',
];

/**
 * One style per variant for the whole report, from the set of its variant names: the Server Action first (always
 * the first colour, solid), the others in name order, so a variant looks the same in every chart and whatever order
 * the cells came in. Past eight variants the colours repeat with another dash and pattern: no two share both.
 */
export function variantStyles(variants: Iterable<string>): Record<string, VariantStyle> {
  const names = [...new Set(variants)].sort((a, b) =>
    a === 'action' ? -1 : b === 'action' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(
    names.map((name, index) => {
      const look = (index + Math.floor(index / VARIANT_COLORS.length)) % VARIANT_DASHES.length;
      return [
        name,
        {
          color: VARIANT_COLORS[index % VARIANT_COLORS.length]!,
          dash: VARIANT_DASHES[look]!,
          pattern: VARIANT_PATTERNS[look]!,
        },
      ];
    }),
  );
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(foreground: string, background: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/**
 * Runs in a report page before its charts: `window.benchStyle`, the variants' styles from the chart data's
 * `styles` (Chart.js dataset options for a line, a fill for a bar) and `whiskers`, a Chart.js plugin drawing each
 * bar's 95% CI from its dataset's `ci` ([low, high] per bar, null for none), and `medians`, one drawing a line across
 * each floating bar at its dataset's `medians` value.
 */
export const VARIANT_STYLE_SCRIPT = `
window.benchStyle = (() => {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const styles = data.styles || {};
  if (window.Chart) Chart.defaults.color = '#333333';
  const of = (variant) => styles[variant] || { color: '#666666', dash: [], pattern: 'solid' };
  const hatch = {
    diagonal: (g, line) => { line(0, 8, 8, 0); line(-2, 2, 2, -2); line(6, 10, 10, 6); },
    'back-diagonal': (g, line) => { line(0, 0, 8, 8); line(-2, 6, 2, 10); line(6, -2, 10, 2); },
    dots: (g) => { g.beginPath(); g.arc(4, 4, 1.7, 0, 2 * Math.PI); g.fill(); },
    horizontal: (g, line) => line(0, 4, 8, 4),
    vertical: (g, line) => line(4, 0, 4, 8),
    cross: (g, line) => { line(0, 8, 8, 0); line(0, 0, 8, 8); },
    grid: (g, line) => { line(0, 4, 8, 4); line(4, 0, 4, 8); },
  };
  /** A bar's fill: the variant's colour (alpha as two hex digits, '' for opaque) with its pattern over it. */
  const fill = (variant, alpha) => {
    const style = of(variant);
    const base = style.color + (alpha || '');
    if (!hatch[style.pattern]) return base;
    const tile = document.createElement('canvas');
    tile.width = tile.height = 8;
    const g = tile.getContext('2d');
    g.fillStyle = base;
    g.fillRect(0, 0, 8, 8);
    // White hatching on a strong fill, the variant's own colour on a pale one.
    g.strokeStyle = g.fillStyle = alpha && parseInt(alpha, 16) < 0x99 ? style.color : 'rgba(255,255,255,0.8)';
    g.lineWidth = 1.5;
    hatch[style.pattern](g, (x1, y1, x2, y2) => { g.beginPath(); g.moveTo(x1, y1); g.lineTo(x2, y2); g.stroke(); });
    return g.createPattern(tile, 'repeat');
  };
  /** A line's options: colour and dash of the variant; shipped Chrome's thinner, its points triangles. */
  const line = (variant, shipped) => {
    const style = of(variant);
    return { borderColor: style.color, backgroundColor: style.color, borderDash: style.dash,
      borderWidth: shipped ? 1.25 : 2.5, pointStyle: shipped ? 'triangle' : 'circle' };
  };
  const whiskers = {
    id: 'whiskers',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      chart.data.datasets.forEach((dataset, i) => {
        if (!dataset.ci || !chart.isDatasetVisible(i)) return;
        const meta = chart.getDatasetMeta(i);
        const scale = chart.scales[meta.yAxisID];
        meta.data.forEach((bar, j) => {
          const ci = dataset.ci[j];
          if (!ci) return;
          const low = scale.getPixelForValue(ci[0]);
          const high = scale.getPixelForValue(ci[1]);
          const half = Math.max(3, Math.min(8, bar.width / 4));
          for (const [color, width] of [['#ffffff', 4], ['#1b1b1b', 1.5]]) {
            ctx.save();
            ctx.strokeStyle = color;
            ctx.lineWidth = width;
            ctx.beginPath();
            ctx.moveTo(bar.x, low); ctx.lineTo(bar.x, high);
            ctx.moveTo(bar.x - half, low); ctx.lineTo(bar.x + half, low);
            ctx.moveTo(bar.x - half, high); ctx.lineTo(bar.x + half, high);
            ctx.stroke();
            ctx.restore();
          }
        });
      });
    },
  };
  /** Draws a line across each floating bar at its dataset's \`medians\` value (a difference's CI bar and its estimate). */
  const medians = {
    id: 'medians',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      chart.data.datasets.forEach((dataset, i) => {
        if (!dataset.medians || !chart.isDatasetVisible(i)) return;
        const meta = chart.getDatasetMeta(i);
        const scale = chart.scales[meta.yAxisID];
        meta.data.forEach((bar, j) => {
          const value = dataset.medians[j];
          if (value === null || value === undefined) return;
          const y = scale.getPixelForValue(value);
          for (const [color, width] of [['#ffffff', 5], ['#1b1b1b', 2]]) {
            ctx.save();
            ctx.strokeStyle = color;
            ctx.lineWidth = width;
            ctx.beginPath();
            ctx.moveTo(bar.x - bar.width / 2, y); ctx.lineTo(bar.x + bar.width / 2, y);
            ctx.stroke();
            ctx.restore();
          }
        });
      });
    },
  };
  /** A legend whose samples are short lines in each dataset's colour, width and dash (Chart.js's own ignore the dash). */
  const sample = (color, dash, width) => {
    const tile = document.createElement('canvas');
    tile.width = 44;
    tile.height = 12;
    const g = tile.getContext('2d');
    g.strokeStyle = color;
    g.lineWidth = width;
    g.setLineDash(dash);
    g.beginPath(); g.moveTo(0, 6); g.lineTo(44, 6); g.stroke();
    return tile;
  };
  const lineLegend = (filter) => ({ labels: { usePointStyle: true, pointStyleWidth: 44, filter,
    generateLabels: (chart) => Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
      const d = chart.data.datasets[item.datasetIndex];
      return { ...item, pointStyle: sample(d.borderColor, d.borderDash || [], d.borderWidth || 2) };
    }) } });
  return { of, fill, line, whiskers, medians, lineLegend };
})();`;
