import jstat from 'jstat';
import { median } from './quantile';

const { jStat } = jstat;

/** A 95% interval around an estimate. */
export interface Estimate {
  estimate: number;
  ci95: [number, number];
}

export const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

export function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
}

/** Two-sided critical value of Student's t at `confidence` (95% unless said). */
export const tCritical = (df: number, confidence = 0.95): number => jStat.studentt.inv(1 - (1 - confidence) / 2, df);

export interface DifferenceInterval extends Estimate {
  /** Half the CI's width. */
  halfWidth: number;
  /** Page loads per arm. */
  clusters: [number, number];
  degreesOfFreedom: number;
  standardError: number;
}

/** The share of page loads trimmed from each end before averaging: 20%, Wilcox's default for Yuen's test. */
export const TRIM_SHARE = 0.2;

/**
 * A trimmed mean with its Tukey-McLaughlin standard error: the lowest and highest floor(TRIM_SHARE x n) values are
 * dropped from the mean, and the variance is the winsorized one (those values set to the nearest kept value) over
 * h(h - 1), h the values kept; h - 1 degrees of freedom. Below 5 values nothing is trimmed: a mean with its usual
 * standard error.
 */
export function trimmedMean(values: readonly number[]): {
  estimate: number;
  standardError: number;
  degreesOfFreedom: number;
  kept: number;
} {
  if (values.length < 2) throw new Error('a trimmed mean with an error needs at least 2 values');
  const sorted = [...values].sort((x, y) => x - y);
  const n = sorted.length;
  const g = Math.floor(TRIM_SHARE * n);
  const kept = n - 2 * g;
  const estimate = mean(sorted.slice(g, n - g));
  const winsorized = sorted.map((_, i) => sorted[Math.min(Math.max(i, g), n - g - 1)]!);
  const standardError = Math.sqrt(((n - 1) * sampleVariance(winsorized)) / (kept * (kept - 1)));
  return { estimate, standardError, degreesOfFreedom: kept - 1, kept };
}

/**
 * The difference between two arms' typical page loads: each page load (a cluster of interactions sharing its JIT,
 * GC and connection state) is summarized by its median; the estimate is the difference of the arms' 20% trimmed
 * means of those medians, with Yuen's standard error and Welch-Satterthwaite degrees of freedom on the kept
 * values. One page load twice as slow as the rest moves a mean by a seventh of its excess at 7 page loads, and
 * widens its CI with it; a trimmed mean drops it. Over 5 to 15 page loads per arm, with skewed spread and 2x
 * outlier page loads, it covers 93-97% run through the real sampler (test/interval.test.ts, test/sequential.test.ts).
 * Its df are the page loads' own after a two-stage stop too: the trimmed interval then covers 96% in simulation,
 * where capping df at stage 1's (as the mean's interval needed) over-covered at 97.5%.
 */
export function pageLoadDifference(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): DifferenceInterval {
  if (a.length < 2 || b.length < 2) throw new Error('a page-load interval needs at least 2 page loads per arm');
  const [ta, tb] = [trimmedMean(a.map((load) => median(load))), trimmedMean(b.map((load) => median(load)))];
  const [va, vb] = [ta.standardError ** 2, tb.standardError ** 2];
  const degreesOfFreedom = welchSatterthwaite(va, ta.degreesOfFreedom, vb, tb.degreesOfFreedom);
  const standardError = Math.sqrt(va + vb);
  const halfWidth = tCritical(degreesOfFreedom) * standardError;
  const estimate = ta.estimate - tb.estimate;
  return {
    estimate,
    ci95: [estimate - halfWidth, estimate + halfWidth],
    halfWidth,
    degreesOfFreedom,
    standardError,
    clusters: [a.length, b.length],
  };
}

/**
 * One arm's typical page load: the 20% trimmed mean of its page-load medians with its t interval (h - 1 df).
 */
export function pageLoadMean(clusters: readonly (readonly number[])[]): Estimate & { degreesOfFreedom: number } {
  if (clusters.length < 2) throw new Error('a page-load interval needs at least 2 page loads');
  const trimmed = trimmedMean(clusters.map((load) => median(load)));
  const { degreesOfFreedom } = trimmed;
  const halfWidth = tCritical(degreesOfFreedom) * trimmed.standardError;
  return {
    estimate: trimmed.estimate,
    ci95: [trimmed.estimate - halfWidth, trimmed.estimate + halfWidth],
    degreesOfFreedom,
  };
}

/** The smallest true difference a t test on this standard error and df finds beyond noise (two-sided 5%) with 80% power. */
export const detectableDifference = (standardError: number, degreesOfFreedom: number): number =>
  (tCritical(degreesOfFreedom) + tCritical(degreesOfFreedom, 0.6)) * standardError;

/** A two-sided interval at another confidence from a 95% t interval and its df: the 90% one gives two one-sided 95% bounds. */
export function atConfidence(
  ci95: readonly [number, number],
  degreesOfFreedom: number,
  confidence: number,
): [number, number] {
  const center = (ci95[0] + ci95[1]) / 2;
  const halfWidth = ((ci95[1] - ci95[0]) / 2) * (tCritical(degreesOfFreedom, confidence) / tCritical(degreesOfFreedom));
  return [center - halfWidth, center + halfWidth];
}

/**
 * Welch-Satterthwaite degrees of freedom of a sum of two squared standard errors, each with its own df. Identical
 * values on both sides leave it undefined: the smaller side's df then.
 */
function welchSatterthwaite(varianceA: number, dfA: number, varianceB: number, dfB: number): number {
  const df = (varianceA + varianceB) ** 2 / (varianceA ** 2 / dfA + varianceB ** 2 / dfB);
  return Number.isFinite(df) ? df : Math.min(dfA, dfB);
}

/** mean(a) - mean(b) with its Welch standard error and Welch-Satterthwaite degrees of freedom (each side at least 2 values). */
export function welchDifference(
  a: readonly number[],
  b: readonly number[],
): { estimate: number; standardError: number; degreesOfFreedom: number } {
  const varianceA = sampleVariance(a) / a.length;
  const varianceB = sampleVariance(b) / b.length;
  return {
    estimate: mean(a) - mean(b),
    standardError: Math.sqrt(varianceA + varianceB),
    degreesOfFreedom: welchSatterthwaite(varianceA, a.length - 1, varianceB, b.length - 1),
  };
}

/** P(T > t) for Student's t with `df` degrees of freedom. */
export const tUpperTail = (t: number, df: number): number => 1 - jStat.studentt.cdf(t, df);

/**
 * Benjamini-Hochberg adjusted p-values (q-values): the i-th smallest p times m / i, made monotone from the top,
 * capped at 1. Rejecting where q < alpha keeps the expected share of false rejections among all rejections at
 * most alpha for independent or positively dependent tests, and, when no hypothesis is false (two runs of the
 * same code), the chance of any rejection at most alpha. Unlike Holm it keeps its power when one change moves
 * many metrics at once, as a slower server does.
 */
export function benjaminiHochbergAdjusted(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}

/** One point of a line fit: x, the estimate y and its standard error. */
export interface FitPoint {
  x: number;
  y: number;
  standardError: number;
}

export interface LineFit {
  intercept: Estimate;
  slope: Estimate;
  /** The fitted line's pointwise 95% band at x. */
  predict(x: number): Estimate;
  /** The fitted line's standard error at x. */
  standardErrorAt(x: number): number;
  /** Sum over the points of their squared residuals in standard errors: chi-square on (points - 2) df if the line fits. */
  chiSquare: number;
  degreesOfFreedom: number;
}

/**
 * The Working-Hotelling 95% band of a line fit at x: simultaneous over every x at once (a statement about a range of
 * RTTs needs it; the pointwise band holds at one x at a time), sqrt(2 F(0.95; 2, df)) standard errors wide, times
 * `scale` (a lack-of-fit inflation).
 */
export function simultaneousBand(fit: LineFit, x: number, scale = 1): [number, number] {
  const halfWidth = Math.sqrt(2 * jStat.centralF.inv(0.95, 2, fit.degreesOfFreedom)) * fit.standardErrorAt(x) * scale;
  const center = fit.intercept.estimate + fit.slope.estimate * x;
  return [center - halfWidth, center + halfWidth];
}

/** P(chi-square with df degrees of freedom > value). */
export const chiSquareUpperTail = (value: number, df: number): number => 1 - jStat.chisquare.cdf(value, df);

/**
 * Weighted least squares of y = a + b x with known standard errors (weights 1/se^2), 95% intervals from the
 * coefficients' covariance with a t critical value on `df` degrees of freedom (the smallest of the points' own).
 * The band assumes the line is the right model; the accuracy panel checks that separately.
 */
export function fitLine(points: readonly FitPoint[], df: number): LineFit {
  if (new Set(points.map((point) => point.x)).size < 2) throw new Error('a line fit needs two distinct x');
  let sw = 0;
  let swx = 0;
  let swy = 0;
  let swxx = 0;
  let swxy = 0;
  for (const { x, y, standardError } of points) {
    const w = 1 / Math.max(standardError, 1e-9) ** 2;
    sw += w;
    swx += w * x;
    swy += w * y;
    swxx += w * x * x;
    swxy += w * x * y;
  }
  const determinant = sw * swxx - swx * swx;
  const slope = (sw * swxy - swx * swy) / determinant;
  const intercept = (swy - slope * swx) / sw;
  // (X'WX)^-1 = [[swxx, -swx], [-swx, sw]] / determinant
  const varIntercept = swxx / determinant;
  const varSlope = sw / determinant;
  const covariance = -swx / determinant;
  const t = tCritical(df);
  const around = (estimate: number, variance: number): Estimate => ({
    estimate,
    ci95: [estimate - t * Math.sqrt(variance), estimate + t * Math.sqrt(variance)],
  });
  const varianceAt = (x: number) => varIntercept + x * x * varSlope + 2 * x * covariance;
  const chiSquare = points.reduce(
    (sum, { x, y, standardError }) => sum + ((y - intercept - slope * x) / Math.max(standardError, 1e-9)) ** 2,
    0,
  );
  return {
    intercept: around(intercept, varIntercept),
    slope: around(slope, varSlope),
    predict: (x) => around(intercept + slope * x, varianceAt(x)),
    standardErrorAt: (x) => Math.sqrt(varianceAt(x)),
    chiSquare,
    degreesOfFreedom: df,
  };
}

/** Clopper-Pearson (exact) 95% interval of a binomial proportion. */
export function binomialInterval(successes: number, trials: number): Estimate {
  const lo = successes === 0 ? 0 : jStat.beta.inv(0.025, successes, trials - successes + 1);
  const hi = successes === trials ? 1 : jStat.beta.inv(0.975, successes + 1, trials - successes);
  return { estimate: successes / trials, ci95: [lo, hi] };
}

/**
 * A distribution-free CI of a median from k repeats: the widest order statistics [x(j), x(k+1-j)] whose coverage
 * (1 - 2 P(Binomial(k, 1/2) < j)) is still >= 95%; with k <= 5 none reaches 95%, so [min, max] is returned with
 * its true coverage (5 repeats: 93.75%).
 */
export function medianInterval(values: readonly number[]): Estimate & { coverage: number } {
  const sorted = [...values].sort((x, y) => x - y);
  const k = sorted.length;
  const belowProbability = (j: number) => {
    // P(Binomial(k, 1/2) <= j - 1)
    let sum = 0;
    for (let i = 0; i < j; i++) sum += binomialCoefficient(k, i);
    return sum / 2 ** k;
  };
  let j = 1;
  while (j + 1 <= k / 2 && 1 - 2 * belowProbability(j + 1) >= 0.95) j++;
  return { estimate: median(sorted), ci95: [sorted[j - 1]!, sorted[k - j]!], coverage: 1 - 2 * belowProbability(j) };
}

function binomialCoefficient(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/**
 * A ratio of two arms measured in the same interleaved blocks: the geometric mean of the per-block ratios a_i/b_i
 * with a t interval on their logs (k - 1 df). Pairing by block removes the drift both arms shared. A two-sided
 * 90% interval gives the two one-sided 95% bounds (equivalence tests, "not faster").
 */
export function pairedRatio(a: readonly number[], b: readonly number[], confidence = 0.95): Estimate {
  if (a.length !== b.length || a.length < 2) throw new Error('a paired ratio needs two or more paired repeats');
  const logs = a.map((value, i) => Math.log(value / b[i]!));
  const center = mean(logs);
  const halfWidth = tCritical(logs.length - 1, confidence) * Math.sqrt(sampleVariance(logs) / logs.length);
  return { estimate: Math.exp(center), ci95: [Math.exp(center - halfWidth), Math.exp(center + halfWidth)] };
}
