import { quantileSorted } from 'd3-array';

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Type-7 (linear interpolation) quantile, the definition R and NumPy use by default. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  return quantileSorted(
    Array.from(values).sort((a, b) => a - b),
    p,
  ) as number;
}
