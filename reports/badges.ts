import escapeHtml from 'escape-html';
import type { Claim } from '../runner/results/schema';

const VERDICT_CLASS: Record<Claim['verdict'], string> = {
  supported: 'ok',
  refuted: 'bad',
  depends: 'warn',
  inconclusive: 'muted',
  'not-measured': 'muted',
};

/** A verdict as a coloured badge. */
export const verdictBadge = (verdict: Claim['verdict']): string => `<span class="badge ${VERDICT_CLASS[verdict]}">${escapeHtml(verdict)}</span>`;
