import { armKey, type Plan, type PlannedComparison } from '../plan';
import type { AaResult, Accuracy, Cell, Comparison, Sample } from '../results/schema';
import type { SamplingState } from '../sampling';
import { bootstrapMedianDifference, median, quantile, type MedianDifference } from './bootstrap';
import { seededRandom } from './random';

/** Largest |measured - expected| RTT slope error (ms) the accuracy panel accepts. */
export const ACCURACY_TOLERANCE_MS = 5;

export interface SummaryInput {
  plan: Plan;
  /** Measured (non-warm-up) samples. */
  samples: readonly Sample[];
  expectedRoundTrips: (scenario: string, variant: string) => number;
  sampling: ReadonlyMap<PlannedComparison, SamplingState>;
  resamples: number;
  seed: number;
}

/** Samples by arm (armKey). */
function groupSamples(samples: readonly Sample[]): Map<string, Sample[]> {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const key = armKey(sample);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(sample);
  }
  return groups;
}

/** Bootstrap with a seed derived from the run seed and the comparison, so each CI is reproducible on its own. */
export function medianDifference(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  seed: number,
  label: string,
  resamples: number,
): MedianDifference {
  let hash = seed >>> 0;
  for (const char of label) hash = (Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0);
  return bootstrapMedianDifference(a, b, { resamples, random: seededRandom(hash) });
}

/** An arm's samples as clusters, one per page load (an arm loads its page once per round). */
export function pageLoadClusters(samples: readonly Pick<Sample, 'round' | 'latencyMs'>[]): number[][] {
  const byRound = new Map<number, number[]>();
  for (const sample of samples) {
    if (!byRound.has(sample.round)) byRound.set(sample.round, []);
    byRound.get(sample.round)!.push(sample.latencyMs);
  }
  return [...byRound.values()];
}

/** Samples -> cells, comparisons, A/A rows and the RTT accuracy check. Pure. */
export function summarize(input: SummaryInput): {
  cells: Cell[];
  comparisons: Comparison[];
  aa: AaResult[];
  accuracy: Accuracy[];
} {
  const groups = groupSamples(input.samples);
  const clusters = (scenario: string, variant: string, twin: boolean, rttMs: number) =>
    pageLoadClusters(groups.get(armKey({ scenario, variant, twin, rttMs })) ?? []);

  const cells: Cell[] = input.plan.arms
    .filter((arm) => !arm.twin)
    .flatMap((arm) => {
      const samples = groups.get(armKey(arm)) ?? [];
      if (samples.length === 0) return [];
      const samplesMs = samples.map((sample) => sample.latencyMs);
      return [
        {
          scenario: arm.scenario,
          variant: arm.variant,
          rttMs: arm.rttMs,
          n: samples.length,
          medianMs: median(samplesMs),
          p90Ms: quantile(samplesMs, 0.9),
          samplesMs,
          requestsPerInteraction: median(samples.map((sample) => sample.requests.length)),
          roundTrips: median(samples.map((sample) => sample.roundTrips)),
          expectedRoundTrips: input.expectedRoundTrips(arm.scenario, arm.variant),
          frameMedianMs: median(samples.map((sample) => sample.frameMs)),
          bytesPerInteraction: median(
            samples.map((sample) => sample.requests.reduce((sum, r) => sum + r.requestBytes + r.responseBytes, 0)),
          ),
        },
      ];
    });

  const comparisons: Comparison[] = [];
  const aa: AaResult[] = [];
  for (const planned of input.plan.comparisons) {
    const a = clusters(planned.scenario, planned.a.variant, planned.a.twin, planned.rttMs);
    const b = clusters(planned.scenario, planned.b.variant, planned.b.twin, planned.rttMs);
    if (a.length === 0 || b.length === 0) continue;
    const label = `${planned.scenario}/${planned.a.variant}${planned.aa ? '#aa' : ''}@${planned.rttMs}`;
    const { diffMedianMs, ci95 } = medianDifference(a, b, input.seed, label, input.resamples);
    const common = { scenario: planned.scenario, rttMs: planned.rttMs, diffMedianMs, ci95, n: [a.flat().length, b.flat().length] as [number, number], sampling: input.sampling.get(planned) ?? 'open' };
    if (planned.aa) aa.push({ ...common, variant: planned.b.variant });
    else comparisons.push({ ...common, a: planned.a.variant, b: planned.b.variant });
  }

  const accuracy: Accuracy[] = [];
  for (const cell of cells) {
    if (cell.rttMs === 0) continue;
    const base = cells.find((c) => c.scenario === cell.scenario && c.variant === cell.variant && c.rttMs === 0);
    if (!base) continue;
    const label = `accuracy/${cell.scenario}/${cell.variant}@${cell.rttMs}`;
    const { diffMedianMs, ci95 } = medianDifference(
      clusters(cell.scenario, cell.variant, false, cell.rttMs),
      clusters(base.scenario, base.variant, false, base.rttMs),
      input.seed,
      label,
      input.resamples,
    );
    const expectedIncreaseMs = cell.expectedRoundTrips * cell.rttMs;
    const errorMs = diffMedianMs - expectedIncreaseMs;
    accuracy.push({
      scenario: cell.scenario,
      variant: cell.variant,
      rttMs: cell.rttMs,
      expectedRoundTrips: cell.expectedRoundTrips,
      measuredRoundTrips: cell.roundTrips,
      expectedIncreaseMs,
      measuredIncreaseMs: diffMedianMs,
      ci95,
      errorMs,
      toleranceMs: ACCURACY_TOLERANCE_MS,
      withinTolerance: Math.abs(errorMs) <= ACCURACY_TOLERANCE_MS,
    });
  }
  return { cells, comparisons, aa, accuracy };
}
