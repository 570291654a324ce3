import { describe, expect, it } from 'vitest';
import { pairedRatio } from '../runner/stats/interval';
import { seededRandom } from '../runner/stats/random';
import { normal } from './support/simulate';
import { geometricMean, logTrend, MIN_WARMUP_BLOCKS, palindromeBlock, warmedUp } from '../runner/stats/steady-state';

describe('warmedUp', () => {
  it('ends a warm-up when the last block is within 5% of each of the two before it', () => {
    expect(warmedUp([300, 500, 620, 640, 630])).toBe(true);
    expect(warmedUp([620, 640, 630].slice(0, MIN_WARMUP_BLOCKS - 1))).toBe(false);
    // Still rising: the last block is 8% above the one two before.
    expect(warmedUp([600, 630, 650])).toBe(false);
    // A plateau then a jump (a JIT tier-up seen here, 620 -> 950/s): the jump restarts the wait.
    expect(warmedUp([620, 625, 618, 950])).toBe(false);
    expect(warmedUp([620, 625, 618, 950, 940, 955])).toBe(true);
  });
});

describe('logTrend', () => {
  it('recovers an exact exponential drift with a zero-width interval (known answer)', () => {
    const trend = logTrend([0, 1, 2, 3, 4, 5].map((order) => ({ order, rate: 500 * 1.02 ** order })))!;
    expect(trend.perStepPct).toBeCloseTo(2, 10);
    expect(trend.ci95Pct[0]).toBeCloseTo(2, 8);
    expect(trend.ci95Pct[1]).toBeCloseTo(2, 8);
    expect(trend).toMatchObject({ points: 6, stationary: false });
  });

  it('is stationary when the rates wander without a trend, and null with fewer than 3 points', () => {
    const trend = logTrend([500, 540, 470, 530, 480, 520].map((rate, order) => ({ order, rate })))!;
    expect(trend.ci95Pct[0]).toBeLessThan(0);
    expect(trend.ci95Pct[1]).toBeGreaterThan(0);
    expect(trend.stationary).toBe(true);
    expect(
      logTrend([
        { order: 0, rate: 1 },
        { order: 1, rate: 2 },
      ]),
    ).toBeNull();
  });

  it('flags a drift about 5% of the time when there is none (95% interval, simulated)', () => {
    const random = seededRandom(7);
    let flagged = 0;
    const trials = 4000;
    for (let trial = 0; trial < trials; trial++) {
      const points = Array.from({ length: 8 }, (_, order) => ({ order, rate: 600 * Math.exp(0.06 * normal(random)) }));
      if (!logTrend(points)!.stationary) flagged++;
    }
    expect(flagged / trials).toBeGreaterThan(0.035);
    expect(flagged / trials).toBeLessThan(0.065);
  });
});

describe('palindromeBlock', () => {
  it('runs every cell twice, the second half the first reversed, in a seeded random order', () => {
    const block = palindromeBlock(['a', 'b', 'c'], seededRandom(3));
    expect(block).toHaveLength(6);
    expect(block.slice(3)).toEqual(block.slice(0, 3).reverse());
    expect(new Set(block.slice(0, 3))).toEqual(new Set(['a', 'b', 'c']));
    const random = seededRandom(4);
    const firsts = new Set(Array.from({ length: 20 }, () => palindromeBlock(['a', 'b', 'c'], random)[0]));
    expect(firsts.size).toBe(3);
  });

  it('cancels a drift exponential in time from every paired ratio (known answer)', () => {
    const random = seededRandom(11);
    const base = { a: 600, b: 800, c: 400 } as const;
    let position = 0;
    const blocks = Array.from({ length: 5 }, () => {
      const rates: Record<string, number[]> = { a: [], b: [], c: [] };
      // The machine slows 3% per window, all along the run: 30 windows, a 58% fall.
      for (const cell of palindromeBlock(['a', 'b', 'c'] as const, random))
        rates[cell]!.push(base[cell] * 0.97 ** position++);
      return rates;
    });
    const ratio = pairedRatio(
      blocks.map((rates) => geometricMean(rates.a!)),
      blocks.map((rates) => geometricMean(rates.b!)),
    );
    expect(ratio.estimate).toBeCloseTo(0.75, 10);
    expect(ratio.ci95[1] - ratio.ci95[0]).toBeLessThan(1e-9);
  });
});
