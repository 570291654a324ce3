import escapeHtml from 'escape-html';
import { COMPARISON_COLUMNS, comparisonCells, comparisonVerdict, orderedComparison } from '../runner/compare/compare';
import type { Results } from '../runner/results/schema';

/** A duet's answer near the top of the report: this checkout against the ref, metric by metric. Pure. */
export function duetSection(against: NonNullable<Results['against']>): string {
  const e = (value: string) => escapeHtml(value);
  const rows = orderedComparison(against.comparison).map((row) => {
    const cells = comparisonCells(row).map(e);
    const verdict = row.verdict === 'regression' ? `<strong class="regression">${cells[6]}</strong>` : cells[6]!;
    return `<tr>${[...cells.slice(0, 6), verdict].map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  const lockfile = against.lockfileDiffers ? '<p>The ref’s package-lock.json differs from this checkout’s: its fixture was built with this checkout’s dependencies.</p>' : '';
  return `<section id="duet"><h2>This checkout against ${e(against.ref)} (${e(against.commit.slice(0, 12))})</h2>
<p>${e(comparisonVerdict(against.comparison, against.band, 'duet'))} Baseline: the fixture at ${e(against.ref)}; candidate: this checkout’s. Browser latency per cell, geometric mean over page loads.</p>${lockfile}
<div class="scroll"><table><thead><tr>${COMPARISON_COLUMNS.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}
