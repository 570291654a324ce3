/**
 * Auto-sampling (tachometer-style): every comparison keeps its arms sampling until its 95% CI is tight enough,
 * or decisive about the claim's bounds, or an arm reaches n_max; the time budget closes whatever is still open.
 */
export type SamplingState = 'open' | 'ci-target' | 'decisive' | 'n-max' | 'budget' | 'failed';

export interface SamplingRule {
  nMin: number;
  nMax: number;
  ciTargetMs: number;
}

/** True when [lo, hi] has no claim bound strictly inside it: the verdict can no longer change with more data. */
export function clearsBounds(ci95: readonly [number, number], boundsMs: readonly [number, number]): boolean {
  return boundsMs.every((bound) => !(ci95[0] < bound && bound < ci95[1]));
}

export function judgeComparison(
  n: readonly [number, number],
  ci95: readonly [number, number] | null,
  rule: SamplingRule,
  boundsMs?: readonly [number, number],
): SamplingState {
  if (Math.min(...n) < rule.nMin || !ci95) return 'open';
  if ((ci95[1] - ci95[0]) / 2 <= rule.ciTargetMs) return 'ci-target';
  if (boundsMs && clearsBounds(ci95, boundsMs)) return 'decisive';
  if (Math.min(...n) >= rule.nMax) return 'n-max';
  return 'open';
}

export function isSettled(state: SamplingState): boolean {
  return state !== 'open';
}
