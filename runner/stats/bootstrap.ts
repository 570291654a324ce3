import { quantileSorted } from 'd3-array';
import type { Random } from './random';

export interface MedianDifference {
  /** median(a) - median(b) */
  diffMedianMs: number;
  /** Percentile-bootstrap 95% confidence interval of that difference. */
  ci95: [number, number];
}

/** d3's quantileSorted reads only length and indices, so typed arrays (no copies in the hot loop) work too. */
function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  return quantileSorted(sorted as unknown as number[], p) as number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Type-7 (linear interpolation) quantile, the definition R and NumPy use by default. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  return quantileOfSorted(Float64Array.from(values).sort(), p);
}

function resampledMedian(values: readonly number[], scratch: Float64Array, random: Random): number {
  for (let i = 0; i < values.length; i++) scratch[i] = values[random.int(values.length)] as number;
  scratch.sort();
  return quantileOfSorted(scratch, 0.5);
}

/**
 * Difference of medians with a percentile bootstrap CI: resample each arm with replacement (arms are
 * independent), take the 2.5th and 97.5th percentiles of the resampled differences.
 */
export function bootstrapMedianDifference(
  a: readonly number[],
  b: readonly number[],
  options: { resamples: number; random: Random },
): MedianDifference {
  if (a.length === 0 || b.length === 0) throw new Error('bootstrap needs samples in both arms');
  const scratchA = new Float64Array(a.length);
  const scratchB = new Float64Array(b.length);
  const differences = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    differences[r] = resampledMedian(a, scratchA, options.random) - resampledMedian(b, scratchB, options.random);
  }
  differences.sort();
  return {
    diffMedianMs: median(a) - median(b),
    ci95: [quantileOfSorted(differences, 0.025), quantileOfSorted(differences, 0.975)],
  };
}
