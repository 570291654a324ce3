import { mean, tCritical } from './interval';
import { shuffled, type Random } from './random';

/**
 * When a warm-up ends (DESIGN "Stats"): the group's last block within STEADY_TOLERANCE of each of the two before
 * it, after at least MIN_WARMUP_BLOCKS. A group still changing after MAX_WARMUP_BLOCKS is measured anyway and the
 * rows it feeds are gated (`steady: false`).
 */
export const STEADY_TOLERANCE = 0.05;
export const MIN_WARMUP_BLOCKS = 3;
export const MAX_WARMUP_BLOCKS = 16;

/** Pure: whether a warm-up whose blocks ran at these rates (interactions/s, in order) has reached a steady state. */
export function warmedUp(rates: readonly number[]): boolean {
  if (rates.length < MIN_WARMUP_BLOCKS) return false;
  const [a, b, c] = rates.slice(-3) as [number, number, number];
  return a > 0 && b > 0 && Math.abs(c / a - 1) <= STEADY_TOLERANCE && Math.abs(c / b - 1) <= STEADY_TOLERANCE;
}

/** A slope of log throughput on order (windows, or blocks). */
export interface Trend {
  /** Change per step in percent (exp(slope) - 1), with its 95% CI. */
  perStepPct: number;
  ci95Pct: [number, number];
  /** Points regressed. */
  points: number;
  /** DESIGN's rule: the trend's 95% CI contains 0. */
  stationary: boolean;
}

/**
 * Pure: least squares of ln(rate) on order, with a t interval on n - 2 degrees of freedom. Fewer than 3 windows,
 * or windows that all share one order, have no trend to test: null.
 */
export function logTrend(points: readonly { order: number; rate: number }[]): Trend | null {
  const usable = points.filter((point) => point.rate > 0);
  if (usable.length < 3) return null;
  const x = usable.map((point) => point.order);
  const y = usable.map((point) => Math.log(point.rate));
  const [mx, my] = [mean(x), mean(y)];
  const sxx = x.reduce((sum, value) => sum + (value - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = x.reduce((sum, value, i) => sum + (value - mx) * (y[i]! - my), 0) / sxx;
  const residual = y.reduce((sum, value, i) => sum + (value - my - slope * (x[i]! - mx)) ** 2, 0);
  const df = usable.length - 2;
  const half = tCritical(df) * Math.sqrt(residual / df / sxx);
  const pct = (value: number) => (Math.exp(value) - 1) * 100;
  return {
    perStepPct: pct(slope),
    ci95Pct: [pct(slope - half), pct(slope + half)],
    points: usable.length,
    stationary: slope - half <= 0 && slope + half >= 0,
  };
}

/**
 * Pure: one block's window order for a group of cells that are compared with one another: a random order, then
 * the same order reversed (A B C C B A). Every cell's two windows are centred on the block's middle, so a drift
 * linear in time cancels from every pairwise ratio (ABBA for each pair); the random first half counterbalances
 * which cell goes first and which sits next to the turn.
 */
export function palindromeBlock<T>(cells: readonly T[], random: Random): T[] {
  const half = shuffled(cells, random);
  return [...half, ...[...half].reverse()];
}

/** Pure: the geometric mean, the centre of rates whose ratios are read on a log scale. */
export function geometricMean(values: readonly number[]): number {
  return Math.exp(mean(values.map(Math.log)));
}
