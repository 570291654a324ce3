import type { Scenario } from './scenarios';
import { variantsOf } from './scenarios';

/** One measured stream of samples: a variant at an RTT. The A/A twin repeats the reference variant. */
export interface Arm {
  scenario: string;
  variant: string;
  twin: boolean;
  rttMs: number;
}

export function armKey(arm: Arm): string {
  return `${arm.scenario}/${arm.variant}${arm.twin ? '#aa' : ''}@${arm.rttMs}`;
}

/** A comparison within one scenario and RTT: `b` is always the Server Action (reference) arm. */
export interface PlannedComparison {
  scenario: string;
  rttMs: number;
  a: Arm;
  b: Arm;
  /** The A/A control: the reference against its own twin. */
  aa: boolean;
  /** Claim bounds a decisive CI must clear (not for A/A). */
  boundsMs?: [number, number];
}

export interface Plan {
  arms: Arm[];
  comparisons: PlannedComparison[];
}

export function makePlan(scenarios: readonly Scenario[], rttMs: readonly number[]): Plan {
  const arms: Arm[] = [];
  const comparisons: PlannedComparison[] = [];
  for (const scenario of scenarios) {
    for (const rtt of rttMs) {
      const reference: Arm = { scenario: scenario.id, variant: scenario.reference, twin: false, rttMs: rtt };
      const twin: Arm = { ...reference, twin: true };
      const others = variantsOf(scenario)
        .filter((variant) => variant !== scenario.reference)
        .map((variant): Arm => ({ scenario: scenario.id, variant, twin: false, rttMs: rtt }));
      arms.push(reference, ...others, twin);
      for (const a of others) {
        comparisons.push({ scenario: scenario.id, rttMs: rtt, a, b: reference, aa: false, boundsMs: scenario.claimBoundsMs });
      }
      comparisons.push({ scenario: scenario.id, rttMs: rtt, a: twin, b: reference, aa: true });
    }
  }
  return { arms, comparisons };
}
