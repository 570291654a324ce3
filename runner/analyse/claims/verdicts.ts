import type { Claim } from '../../contract/results';

export type Verdict = Claim['verdict'];

// The articles the claims quote, by title (docs/claims.md has them with links where the address is known).
export const SEED_000 =
  'Next.js 15+ Server Actions vs API Routes: The Ultimate 2026 Comparison (untergletscher.com, 2026)';
export const SEED_002 =
  'an untitled decision-tree post, "Server Actions stopped being experimental in Next.js 14 …" (2026)';
export const SEED_003 =
  'Next.js Server Actions vs API Routes: The Complete 2026 Guide for Building Full-Stack Apps (Next.js & React.js Revolution, 2026)';

/** A verdict with its words: which way a refutation goes, where a dependence splits, why a verdict is missing. */
export interface Judged {
  verdict: Verdict;
  qualifier?: string;
}

/** Combines per-condition verdicts: unanimous -> that verdict; supported and refuted both -> depends. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'not-measured';
  const has = (verdict: Verdict) => verdicts.includes(verdict);
  if (has('supported') && has('refuted')) return 'depends';
  if (verdicts.every((verdict) => verdict === 'supported')) return 'supported';
  if (verdicts.every((verdict) => verdict === 'refuted')) return 'refuted';
  return 'inconclusive';
}

/**
 * For a claim that something is better, read across several measures: the definite rows decide (better beyond
 * noise supports, worse beyond noise refutes, both -> depends); rows that show no difference do not.
 */
export function combineDirections(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'not-measured';
  const definite = verdicts.filter((verdict) => verdict === 'supported' || verdict === 'refuted');
  return definite.length === 0 ? 'inconclusive' : combineVerdicts(definite);
}

/** For a claim with several requirements (each must hold): any refuted refutes, all supported supports. */
export function allOf(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'not-measured';
  if (verdicts.includes('refuted')) return 'refuted';
  return verdicts.every((verdict) => verdict === 'supported') ? 'supported' : 'inconclusive';
}

/** A 95% CI against a band: inside supports, wholly outside refutes, across a bound is inconclusive. */
export function bandVerdict(ci95: readonly [number, number], [low, high]: readonly [number, number]): Verdict {
  const [lo, hi] = ci95;
  if (lo >= low && hi <= high) return 'supported';
  if (hi < low || lo > high) return 'refuted';
  return 'inconclusive';
}

/** A CI against a parity value, for a claim that `a` is better: better beyond noise supports, worse refutes. */
export function directionVerdict(ci95: readonly [number, number], parity: number, better: 'above' | 'below'): Verdict {
  const [lo, hi] = ci95;
  const above = lo > parity;
  const below = hi < parity;
  if (!above && !below) return 'inconclusive';
  return above === (better === 'above') ? 'supported' : 'refuted';
}
