import { describe, expect, it } from 'vitest';
import {
  binomialInterval,
  detectableDifference,
  fitLine,
  medianInterval,
  pageLoadDifference,
  pageLoadMean,
  pairedRatio,
  trimmedMean,
} from '../runner/stats/interval';
import { median, quantile } from '../runner/stats/quantile';
import { normal, pageLoad, pageLoads, seededRandom } from './support/simulate';

describe('quantile', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(() => median([])).toThrow();
  });
});

describe('pageLoadDifference', () => {
  it('is the difference of mean page-load medians with a Welch t interval below 5 page loads, where nothing is trimmed (known answer)', () => {
    // Page-load medians a: 10, 12, 14 (mean 12, sd 2); b: 9, 10, 11 (mean 10, sd 1).
    const result = pageLoadDifference([[9, 10, 11], [12], [13, 14, 15]], [[9], [10, 10, 30], [11]]);
    expect(result.estimate).toBeCloseTo(2, 10);
    // se^2 = 4/3 + 1/3 = 5/3; Welch df = (5/3)^2 / ((4/3)^2/2 + (1/3)^2/2) = 50/17 = 2.941; t(0.975, 2.941) = 3.21876
    // (by numeric integration of the t density)
    expect(result.degreesOfFreedom).toBeCloseTo(50 / 17, 10);
    expect(result.halfWidth).toBeCloseTo(3.21876 * Math.sqrt(5 / 3), 4);
    expect(result.clusters).toEqual([3, 3]);
  });

  // The reason for this interval: a percentile cluster bootstrap on 10 page loads per arm excluded 0 in 3 of 38 real
  // A/A comparisons. Coverage must hold at the cluster counts the profiles use, with unequal counts, skew and the
  // measured page-load spread; 4,000 experiments per shape put the binomial sd at 0.34 points.
  it.each([
    [5, 5],
    [6, 6],
    [6, 7],
    [8, 8],
    [8, 12],
    [10, 10],
    [12, 15],
    [15, 15],
  ])(
    'covers the true difference in 93 to 97 percent of simulated A/B experiments with %i and %i page loads',
    (loadsA, loadsB) => {
      const random = seededRandom(loadsA * 100 + loadsB);
      const experiments = 4000;
      let covered = 0;
      for (let e = 0; e < experiments; e++) {
        const { ci95 } = pageLoadDifference(pageLoads(random, loadsA, 25), pageLoads(random, loadsB, 15));
        if (ci95[0] <= 10 && 10 <= ci95[1]) covered++;
      }
      expect(covered / experiments).toBeGreaterThanOrEqual(0.93);
      expect(covered / experiments).toBeLessThanOrEqual(0.97);
    },
  );

  it('treats page loads, not interactions, as the independent units', () => {
    // Resampling interactions as if independent would ignore the shared page-load offset: with 3 interactions per
    // load the naive interval (each interaction its own "page load") must cover visibly less often.
    const random = seededRandom(5);
    let clustered = 0;
    let naive = 0;
    const experiments = 2000;
    for (let e = 0; e < experiments; e++) {
      const [a, b] = [pageLoads(random, 10, 15), pageLoads(random, 10, 15)];
      const contains = ([lo, hi]: [number, number]) => lo <= 0 && 0 <= hi;
      if (contains(pageLoadDifference(a, b).ci95)) clustered++;
      if (
        contains(
          pageLoadDifference(
            a.flat().map((x) => [x]),
            b.flat().map((x) => [x]),
          ).ci95,
        )
      )
        naive++;
    }
    expect(clustered / experiments).toBeGreaterThan(0.93);
    expect(naive / experiments).toBeLessThan(0.9);
  });
});

describe('detectableDifference', () => {
  it('is (t(0.975) + t(0.80)) standard errors: 1.960 + 0.842 on many df, 2.571 + 0.920 on 5 (known answer)', () => {
    expect(detectableDifference(1, 1e6)).toBeCloseTo(2.8016, 3);
    expect(detectableDifference(2, 5)).toBeCloseTo(2 * (2.5706 + 0.9195), 3);
  });
});

describe('trimmedMean', () => {
  it('drops 20% from each end and takes its error from the winsorized variance (known answer)', () => {
    // 1, 2, 3, 4, 10: g = 1, kept 2, 3, 4 (mean 3); winsorized 2, 2, 3, 4, 4 (variance 1); se = sqrt(4 x 1 / (3 x 2)).
    const result = trimmedMean([10, 1, 3, 2, 4]);
    expect(result.estimate).toBeCloseTo(3, 10);
    expect(result.standardError).toBeCloseTo(Math.sqrt(2 / 3), 10);
    expect(result.degreesOfFreedom).toBe(2);
    // The outlier does not move it: 100 in place of 10.
    expect(trimmedMean([100, 1, 3, 2, 4]).estimate).toBeCloseTo(3, 10);
  });
});

describe('pageLoadMean', () => {
  it('is the mean of page-load medians with a t interval on n - 1 df (known answer)', () => {
    // Page-load medians 10, 12, 14: mean 12, sd 2, se 2/sqrt(3); t(0.975, 2) = 4.30265, t(0.975, 1) = 12.7062.
    const clusters = [[9, 10, 11], [12], [13, 14, 15]];
    const result = pageLoadMean(clusters);
    expect(result.estimate).toBeCloseTo(12, 10);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.ci95[1] - result.estimate).toBeCloseTo((4.30265 * 2) / Math.sqrt(3), 4);
    expect(() => pageLoadMean([[1, 2, 3]])).toThrow();
  });

  // The budget's floor is 2 page loads and standard takes 5: coverage must hold there too. The true mean of a page
  // load's median under the simulated skew and stalls is not its 15 ms centre, so it is found from 400,000 loads.
  let populationMean: number | undefined;
  const trueMean = (): number => {
    if (populationMean === undefined) {
      const population = seededRandom(1);
      let sum = 0;
      for (let i = 0; i < 400_000; i++) sum += median(pageLoad(population, 15, 3));
      populationMean = sum / 400_000;
    }
    return populationMean;
  };
  it.each([2, 5, 15])(
    'covers the true page-load mean in 93 to 97 percent of simulated experiments with %i page loads',
    (loads) => {
      const truth = trueMean();
      const random = seededRandom(loads * 7);
      const experiments = 4000;
      let covered = 0;
      for (let e = 0; e < experiments; e++) {
        const { ci95 } = pageLoadMean(pageLoads(random, loads, 15));
        if (ci95[0] <= truth && truth <= ci95[1]) covered++;
      }
      expect(covered / experiments).toBeGreaterThanOrEqual(0.93);
      expect(covered / experiments).toBeLessThanOrEqual(0.97);
    },
  );
});

describe('fitLine', () => {
  it('recovers a known line and its standard errors', () => {
    // y = 5 + 1 x exactly, se 1 at every point: slope variance = 1 / sum((x - mean)^2) = 1/5000.
    const points = [0, 50, 100].map((x) => ({ x, y: 5 + x, standardError: 1 }));
    const fit = fitLine(points, 1000);
    expect(fit.intercept.estimate).toBeCloseTo(5, 10);
    expect(fit.slope.estimate).toBeCloseTo(1, 10);
    const halfSlope = (fit.slope.ci95[1] - fit.slope.ci95[0]) / 2;
    expect(halfSlope).toBeCloseTo(1.9623 * Math.sqrt(1 / 5000), 3);
    const at50 = fit.predict(50);
    expect(at50.estimate).toBeCloseTo(55, 10);
    // At the mean x the band is sqrt(1/3) wide: the intercept-slope covariance cancels.
    expect((at50.ci95[1] - at50.ci95[0]) / 2).toBeCloseTo(1.9623 * Math.sqrt(1 / 3), 3);
  });

  it('covers the true slope in about 95% of simulated fits', () => {
    const random = seededRandom(9);
    let covered = 0;
    const experiments = 2000;
    for (let e = 0; e < experiments; e++) {
      const points = [0, 30, 75, 120].map((x) => ({ x, y: 4 + x + 2 * normal(random), standardError: 2 }));
      const { ci95 } = fitLine(points, 1000).slope;
      if (ci95[0] <= 1 && 1 <= ci95[1]) covered++;
    }
    expect(covered / experiments).toBeGreaterThan(0.93);
    expect(covered / experiments).toBeLessThan(0.97);
  });
});

describe('binomialInterval', () => {
  it('matches the exact Clopper-Pearson bounds', () => {
    // R: binom.test(3, 40)$conf.int = 0.01574 0.20387
    const { estimate, ci95 } = binomialInterval(3, 40);
    expect(estimate).toBe(0.075);
    expect(ci95[0]).toBeCloseTo(0.01574, 4);
    expect(ci95[1]).toBeCloseTo(0.20387, 4);
    expect(binomialInterval(0, 40).ci95[0]).toBe(0);
    expect(binomialInterval(40, 40).ci95[1]).toBe(1);
  });
});

describe('medianInterval', () => {
  it('uses the widest order statistics that keep 95%', () => {
    expect(medianInterval([5, 1, 3, 2, 4])).toEqual({ estimate: 3, ci95: [1, 5], coverage: 0.9375 });
    // k = 9: [x(2), x(8)] covers 1 - 2 P(B(9, .5) <= 1) = 0.9609; [x(3), x(7)] only 0.8203.
    const nine = medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(nine.ci95).toEqual([2, 8]);
    expect(nine.coverage).toBeCloseTo(0.9609, 4);
  });
});

describe('pairedRatio', () => {
  it('is the geometric mean of per-repeat ratios with a t interval on the logs', () => {
    const { estimate, ci95 } = pairedRatio([60, 66, 63, 72, 57], [100, 110, 105, 120, 95]);
    expect(estimate).toBeCloseTo(0.6, 10);
    // Every repeat's ratio is exactly 0.6: no spread, a zero-width interval.
    expect(ci95[0]).toBeCloseTo(0.6, 10);
    expect(ci95[1]).toBeCloseTo(0.6, 10);
    const noisy = pairedRatio([90, 110, 100], [100, 100, 100]);
    expect(noisy.ci95[0]).toBeLessThan(1);
    expect(noisy.ci95[1]).toBeGreaterThan(1);
    expect(pairedRatio([90, 110, 100], [100, 100, 100], 0.9).ci95[1]).toBeLessThan(noisy.ci95[1]);
  });
});
