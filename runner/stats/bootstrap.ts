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

/** Median of one resample: clusters drawn with replacement, all their values kept. */
function resampledMedian(clusters: readonly (readonly number[])[], scratch: Float64Array, random: Random): number {
  let length = 0;
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[random.int(clusters.length)]!;
    for (let j = 0; j < cluster.length; j++) scratch[length++] = cluster[j]!;
  }
  const drawn = scratch.subarray(0, length).sort();
  return quantileOfSorted(drawn, 0.5);
}

/**
 * Difference of medians with a percentile cluster bootstrap: each arm's clusters (its page loads, whose
 * interactions share JIT, GC and connection state) are resampled with replacement, independently per arm; the CI
 * is the 2.5th..97.5th percentile of the resampled differences. With one value per cluster this is the ordinary
 * bootstrap. Resampling single interactions instead would treat correlated samples as independent and give CIs
 * that are too narrow (test/bootstrap.test.ts shows it).
 */
export function bootstrapMedianDifference(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  options: { resamples: number; random: Random },
): MedianDifference {
  const flatA = a.flat();
  const flatB = b.flat();
  if (flatA.length === 0 || flatB.length === 0) throw new Error('bootstrap needs samples in both arms');
  // A resample can draw the largest cluster every time.
  const longest = (clusters: readonly (readonly number[])[]) => clusters.length * Math.max(...clusters.map((c) => c.length));
  const scratchA = new Float64Array(longest(a));
  const scratchB = new Float64Array(longest(b));
  const differences = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    differences[r] = resampledMedian(a, scratchA, options.random) - resampledMedian(b, scratchB, options.random);
  }
  differences.sort();
  return {
    diffMedianMs: median(flatA) - median(flatB),
    ci95: [quantileOfSorted(differences, 0.025), quantileOfSorted(differences, 0.975)],
  };
}

/** Each value its own cluster: the ordinary bootstrap. */
export const singletons = (values: readonly number[]): number[][] => values.map((value) => [value]);
