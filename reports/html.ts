import escapeHtml from 'escape-html';
import type { Claim } from '../runner/results/schema';

const VERDICT_CLASS: Record<Claim['verdict'], string> = {
  supported: 'ok',
  refuted: 'bad',
  depends: 'warn',
  inconclusive: 'muted',
  'not-measured': 'muted',
};

/** A table whose cells are HTML already (escaped by the caller), scrolling sideways on its own when too wide. */
export function table(headers: readonly string[], rows: readonly string[][], className = ''): string {
  return `<div class="scroll"><table class="${className}"><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

/** A verdict as a coloured badge. */
export const verdictBadge = (verdict: Claim['verdict']): string =>
  `<span class="badge ${VERDICT_CLASS[verdict]}">${escapeHtml(verdict)}</span>`;
