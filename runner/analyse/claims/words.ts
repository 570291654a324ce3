/**
 * Words and number formats the claims share: their summaries (written into results.json) and their headlines (the
 * report's first screen). Here, under runner/analyse/claims/, because claims never import reports/.
 */

/** Items as a sentence lists them: "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// Summaries.
export const fmtMs = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;
export const fmtCi = ([lo, hi]: readonly [number, number], digits = 1): string =>
  `CI ${lo.toFixed(digits)} to ${hi.toFixed(digits)}`;

/** Why a gate held each row back (gating.ts), for the rows it did. */
const reasonsOf = (rows: readonly object[]) =>
  rows.flatMap((row) => ('reason' in row && typeof row.reason === 'string' ? [row.reason] : []));

/** " N row(s) inconclusive by rule: reasons." for the rows a gate held back, or nothing. */
export function gatedNote(rows: readonly object[]): string {
  const reasons = reasonsOf(rows);
  return reasons.length ? ` ${reasons.length} row(s) inconclusive by rule: ${[...new Set(reasons)].join('; ')}.` : '';
}

// Headlines (and the summaries' shares and sizes).
/** A number with a true minus sign. */
export const fixed = (value: number, digits = 1): string => value.toFixed(digits).replace(/^-/, '−');
export const ms = (value: number): string => `${fixed(value)} ms`;
export const ci = ([lo, hi]: readonly [number, number], digits = 1, unit = ' ms'): string =>
  `95% CI ${fixed(lo, digits)} to ${fixed(hi, digits)}${unit}`;
export const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
/** A count, with one decimal when it is a median between two counts. */
export const count = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));
/** Route minus action: positive means the action was faster. */
export const faster = (diffMs: number): string => `${ms(Math.abs(diffMs))} ${diffMs >= 0 ? 'faster' : 'slower'}`;

/** " N of M rows held back by rule: reasons." or nothing. */
export function heldBack(rows: readonly object[]): string {
  const reasons = reasonsOf(rows);
  return reasons.length
    ? ` ${reasons.length} of ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} held back by rule: ${[...new Set(reasons)].join('; ')}.`
    : '';
}
