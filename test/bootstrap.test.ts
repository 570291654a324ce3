import { describe, expect, it } from 'vitest';
import { bootstrapMedianDifference, median, quantile } from '../runner/stats/bootstrap';
import { seededRandom, shuffled } from '../runner/stats/random';

/** Log-normal latencies (right-skewed like real ones) with a known median. */
function latencies(n: number, medianMs: number, random: ReturnType<typeof seededRandom>): number[] {
  const uniform = () => (random.int(1_000_000) + 0.5) / 1_000_000;
  return Array.from({ length: n }, () => {
    const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    return medianMs * Math.exp(0.25 * normal);
  });
}

describe('quantile', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(() => median([])).toThrow();
  });
});

describe('bootstrapMedianDifference', () => {
  it('is reproducible for a seed and brackets the observed difference', () => {
    const data = latencies(40, 20, seededRandom(1));
    const other = latencies(40, 10, seededRandom(2));
    const first = bootstrapMedianDifference(data, other, { resamples: 2000, random: seededRandom(7) });
    const again = bootstrapMedianDifference(data, other, { resamples: 2000, random: seededRandom(7) });
    expect(again).toEqual(first);
    expect(first.diffMedianMs).toBeCloseTo(median(data) - median(other), 10);
    expect(first.ci95[0]).toBeLessThan(first.diffMedianMs);
    expect(first.ci95[1]).toBeGreaterThan(first.diffMedianMs);
  });

  it('covers the true difference of medians in about 95% of simulated experiments', () => {
    const random = seededRandom(2026);
    const experiments = 400;
    const trueDifference = 30 - 20;
    let covered = 0;
    for (let e = 0; e < experiments; e++) {
      const a = latencies(40, 30, random);
      const b = latencies(40, 20, random);
      const { ci95 } = bootstrapMedianDifference(a, b, { resamples: 2000, random });
      if (ci95[0] <= trueDifference && trueDifference <= ci95[1]) covered++;
    }
    const coverage = covered / experiments;
    // Binomial sd at p = 0.95, n = 400 is 1.1 points; the percentile bootstrap of a median runs a little wide.
    expect(coverage).toBeGreaterThan(0.91);
    expect(coverage).toBeLessThan(0.99);
  });

  it('gives an A/A interval that contains zero about 95% of the time', () => {
    const random = seededRandom(99);
    let containsZero = 0;
    for (let e = 0; e < 200; e++) {
      const { ci95 } = bootstrapMedianDifference(latencies(30, 15, random), latencies(30, 15, random), {
        resamples: 2000,
        random,
      });
      if (ci95[0] <= 0 && 0 <= ci95[1]) containsZero++;
    }
    expect(containsZero / 200).toBeGreaterThan(0.9);
  });
});

describe('shuffled', () => {
  it('permutes without losing items and depends on the seed', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = shuffled(items, seededRandom(1));
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled(items, seededRandom(1))).toEqual(a);
    expect(shuffled(items, seededRandom(2))).not.toEqual(a);
  });
});
