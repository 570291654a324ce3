import { describe, expect, it } from 'vitest';
import { bootstrapMedianDifference, median, quantile, singletons } from '../runner/stats/bootstrap';
import { seededRandom, shuffled, type Random } from '../runner/stats/random';

function normal(random: Random): number {
  const uniform = () => (random.int(1_000_000) + 0.5) / 1_000_000;
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Log-normal latencies (right-skewed like real ones) with a known median. */
function latencies(n: number, medianMs: number, random: Random, sigma = 0.25): number[] {
  return Array.from({ length: n }, () => medianMs * Math.exp(sigma * normal(random)));
}

/**
 * Page loads as clusters: every load shifts all its interactions by a shared offset (JIT, GC, connection state)
 * on top of per-interaction noise. Magnitudes as measured (revalidate/action, RTT 0 and 60, three runs): page-load
 * medians spread with an sd of 2-4 ms while interactions within a load spread by a MAD of 1-2 ms.
 */
function pageLoads(loads: number, perLoad: number, medianMs: number, random: Random): number[][] {
  return Array.from({ length: loads }, () => {
    const offset = 2.5 * normal(random);
    return latencies(perLoad, medianMs, random, 0.08).map((value) => value + offset);
  });
}

/** Share of simulated A/A experiments whose 95% CI contains the true difference, 0. */
function aaCoverage(experiments: number, draw: (random: Random) => [number[][], number[][]], seed: number): number {
  const random = seededRandom(seed);
  let covered = 0;
  for (let e = 0; e < experiments; e++) {
    const [a, b] = draw(random);
    const { ci95 } = bootstrapMedianDifference(a, b, { resamples: 2000, random });
    if (ci95[0] <= 0 && 0 <= ci95[1]) covered++;
  }
  return covered / experiments;
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
    const data = singletons(latencies(40, 20, seededRandom(1)));
    const other = singletons(latencies(40, 10, seededRandom(2)));
    const first = bootstrapMedianDifference(data, other, { resamples: 2000, random: seededRandom(7) });
    const again = bootstrapMedianDifference(data, other, { resamples: 2000, random: seededRandom(7) });
    expect(again).toEqual(first);
    expect(first.diffMedianMs).toBeCloseTo(median(data.flat()) - median(other.flat()), 10);
    expect(first.ci95[0]).toBeLessThan(first.diffMedianMs);
    expect(first.ci95[1]).toBeGreaterThan(first.diffMedianMs);
  });

  it('covers the true difference of medians in about 95% of simulated experiments (independent samples)', () => {
    const random = seededRandom(2026);
    const experiments = 400;
    let covered = 0;
    for (let e = 0; e < experiments; e++) {
      const a = singletons(latencies(40, 30, random));
      const b = singletons(latencies(40, 20, random));
      const { ci95 } = bootstrapMedianDifference(a, b, { resamples: 2000, random });
      if (ci95[0] <= 10 && 10 <= ci95[1]) covered++;
    }
    // Binomial sd at p = 0.95, n = 400 is 1.1 points; the percentile bootstrap of a median runs a little wide.
    expect(covered / experiments).toBeGreaterThan(0.91);
    expect(covered / experiments).toBeLessThan(0.99);
  });

  it('keeps about 95% coverage on page-load clusters, where resampling single interactions does not', () => {
    // 10 page loads x 3 interactions per arm: the standard profile's shape at n_min.
    const draw = (random: Random): [number[][], number[][]] => [pageLoads(10, 3, 15, random), pageLoads(10, 3, 15, random)];
    const clustered = aaCoverage(300, draw, 11);
    const naive = aaCoverage(300, (random) => draw(random).map((arm) => singletons(arm.flat())) as [number[][], number[][]], 11);
    expect(clustered).toBeGreaterThan(0.9);
    expect(naive).toBeLessThan(0.85);
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
