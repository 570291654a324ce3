/**
 * When a group of arms (one scenario at one RTT in one Chrome mode) stops sampling: Stein's two-stage rule.
 * Stage 1 samples every arm of the group for `minLoads` page loads. From stage 1's spread, the page loads per arm
 * that bring every comparison's 95% CI half-width to the target are computed once; stage 2 samples up to that many
 * (at most `maxLoads`) and the CIs are computed once, at the end, on exactly those samples. Looking at the CI after
 * every round and stopping when it clears a claim bound would be optional stopping: with the truth on a bound it
 * gave a definite verdict in about 17% of simulated runs (test/sequential.test.ts simulates this rule instead).
 */
export type SamplingState = 'open' | 'precision' | 'n-max' | 'budget' | 'failed';

export interface SamplingRule {
  /** Page loads per arm in stage 1. */
  minLoads: number;
  /** Page loads per arm at most. */
  maxLoads: number;
  /** Target 95% CI half-width, ms. */
  ciTargetMs: number;
}

export interface StagePlan {
  /** Page loads per arm the group samples in all. */
  loads: number;
  /** The target needed more than maxLoads: the group stops at maxLoads with its target unmet. */
  capped: boolean;
}

/**
 * The stage-2 size from stage 1's widest half-width: the half-width shrinks as 1/sqrt(page loads), so
 * loads = ceil(stageOneLoads x (halfWidth / target)^2), never below stage 1's and at most maxLoads.
 */
export function planStageTwo(widestHalfWidthMs: number, stageOneLoads: number, rule: SamplingRule): StagePlan {
  const needed = Math.ceil(stageOneLoads * (widestHalfWidthMs / rule.ciTargetMs) ** 2);
  return { loads: Math.min(Math.max(needed, stageOneLoads), rule.maxLoads), capped: needed > rule.maxLoads };
}

/** The state a group ends in once it has sampled its planned page loads. */
export const finalState = (plan: StagePlan): SamplingState => (plan.capped ? 'n-max' : 'precision');
