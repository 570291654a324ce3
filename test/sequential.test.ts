import { describe, expect, it } from 'vitest';
import {
  advanceGroup,
  budgetStops,
  emptyMeasurement,
  MIN_LOADS_FOR_INTERVAL,
  samplingRule,
} from '../runner/measure/browser/measure';
import { resolveConfig } from '../runner/core/config';
import { armKey, makePlan, type Arm } from '../runner/core/plan';
import type { Sample } from '../runner/contract/results';
import type { SamplingRule } from '../runner/measure/sampling';
import { scenarioById } from '../runner/scenarios';
import { pageLoadClusters } from '../runner/stats/clusters';
import { summarize } from '../runner/analyse/cells';
import type { Random } from '../runner/stats/random';
import { heavyTailedPageLoad, seededRandom } from './support/simulate';

/** The default profile's rule, and a wide one (`--n-min 40 --n-max 75`): both must keep 95%. */
const DEFAULT_RULE = samplingRule(resolveConfig([], new Date(), process.cwd())!);
const WIDE_RULE: SamplingRule = { minLoads: 8, maxLoads: 15, ciTargetMs: 3 };
const PER_LOAD = 5;
/** The counter at one RTT: action (the reference), route, and the action's A/A twin; the route is this much slower. */
const TRUE_DIFFERENCE_MS = 4;
const plan = makePlan([scenarioById('counter')], [0]);
const planned = plan.groups[0]!;

const sampleOf = (arm: Arm, round: number, index: number, latencyMs: number): Sample => ({
  ...arm,
  round,
  index,
  warmup: false,
  latencyMs,
  listenerLatencyMs: latencyMs,
  inputDelayMs: 0,
  frameMs: latencyMs,
  marksMs: {},
  roundTrips: 1,
  requests: [],
  wireBytes: { toServer: 0, toClient: 0 },
  newConnections: 0,
});

/**
 * One simulated run of one group through the code a real run uses: rounds of one page load per live arm (2x outlier
 * page loads among them), measure.ts's advanceGroup after each round until the group stops (or n_max rounds), then
 * summarize's comparison and A/A intervals.
 */
function simulatedGroup(random: Random, rule: SamplingRule, outlierShare = 0.1) {
  const measurement = emptyMeasurement(plan);
  const group = measurement.groups[0]!;
  const samples: Sample[] = [];
  const byArm = new Map<string, Sample[]>(planned.arms.map((arm) => [armKey(arm), []]));
  for (let round = 0; round < rule.maxLoads && group.state === 'open'; round++) {
    for (const arm of planned.arms) {
      const medianMs = arm.variant === 'route' ? 15 + TRUE_DIFFERENCE_MS : 15;
      const load = heavyTailedPageLoad(random, medianMs, PER_LOAD, outlierShare).map((ms, index) =>
        sampleOf(arm, round, index, ms),
      );
      samples.push(...load);
      byArm.get(armKey(arm))!.push(...load);
    }
    advanceGroup(group, planned, (arm) => pageLoadClusters(byArm.get(armKey(arm))!), measurement.failedArms, rule);
  }
  if (group.state === 'open') group.state = 'n-max';
  const summary = summarize({
    plan,
    samples,
    expectedRoundTrips: () => 1,
    groups: measurement.groups,
    failedArms: measurement.failedArms,
  });
  return { comparison: summary.comparisons[0]!, aa: summary.aa[0]!, loads: group.loads };
}

function coverage(seed: number, rule: SamplingRule, outlierShare: number, runs = 2000) {
  const random = seededRandom(seed);
  let comparisonsCovered = 0;
  let aaCovered = 0;
  let halfWidths = 0;
  for (let run = 0; run < runs; run++) {
    const { comparison, aa } = simulatedGroup(random, rule, outlierShare);
    // Route minus action: the comparison puts the action as b.
    if (comparison.ci95[0] <= TRUE_DIFFERENCE_MS && TRUE_DIFFERENCE_MS <= comparison.ci95[1]) comparisonsCovered++;
    if (aa.ci95[0] <= 0 && 0 <= aa.ci95[1]) aaCovered++;
    halfWidths += (comparison.ci95[1] - comparison.ci95[0]) / 2;
  }
  return { comparison: comparisonsCovered / runs, aa: aaCovered / runs, meanHalfWidth: halfWidths / runs };
}

describe('the two-stage sampler and the page-load interval, simulated with 2x outlier page loads', () => {
  // DESIGN: 93-97%. 2,000 runs: binomial sd about 0.5 points.
  it.each([
    ['default', DEFAULT_RULE, 0.1, 11],
    ['default', DEFAULT_RULE, 0, 14],
    ['wide', WIDE_RULE, 0.1, 12],
  ] as const)(
    'cover 93-97%% of the true difference and of A/A zero under the %s rule, %f of page loads 2x slow',
    (_name, rule, outlierShare, seed) => {
      const result = coverage(seed, rule, outlierShare);
      expect(result.comparison).toBeGreaterThanOrEqual(0.93);
      expect(result.comparison).toBeLessThanOrEqual(0.97);
      expect(result.aa).toBeGreaterThanOrEqual(0.93);
      expect(result.aa).toBeLessThanOrEqual(0.97);
    },
  );

  it('stops every group with at least stage 1 page loads per arm and balanced arms', () => {
    const random = seededRandom(13);
    for (let run = 0; run < 200; run++) {
      const { comparison, loads } = simulatedGroup(random, DEFAULT_RULE);
      expect(loads).toBeGreaterThanOrEqual(DEFAULT_RULE.minLoads);
      expect(comparison.loads[0]).toBe(comparison.loads[1]);
    }
  });
});

describe('the time budget', () => {
  it('never stops a group below the page loads an interval needs', () => {
    expect(budgetStops(300, 30, 265, [MIN_LOADS_FOR_INTERVAL - 1, 6])).toBe(false);
    expect(budgetStops(300, 30, 265, [MIN_LOADS_FOR_INTERVAL, 6])).toBe(true);
    expect(budgetStops(200, 30, 265, [6, 6])).toBe(false);
  });
});
