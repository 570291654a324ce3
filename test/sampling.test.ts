import { describe, expect, it } from 'vitest';
import { clearsBounds, judgeComparison } from '../runner/sampling';

const rule = { nMin: 10, nMax: 50, ciTargetMs: 4 };

describe('judgeComparison', () => {
  it('keeps sampling below n_min whatever the CI', () => {
    expect(judgeComparison([9, 20], [0, 1], rule)).toBe('open');
    expect(judgeComparison([10, 10], null, rule)).toBe('open');
  });

  it('stops on a tight CI, on a decisive CI, or at n_max', () => {
    expect(judgeComparison([10, 10], [10, 17], rule)).toBe('ci-target');
    expect(judgeComparison([10, 10], [10, 30], rule, [50, 100])).toBe('decisive');
    expect(judgeComparison([10, 10], [40, 60], rule, [50, 100])).toBe('open');
    expect(judgeComparison([50, 60], [40, 60], rule, [50, 100])).toBe('n-max');
  });
});

describe('clearsBounds', () => {
  it('is true when no bound lies strictly inside the CI', () => {
    expect(clearsBounds([55, 95], [50, 100])).toBe(true);
    expect(clearsBounds([101, 140], [50, 100])).toBe(true);
    expect(clearsBounds([-5, 49], [50, 100])).toBe(true);
    expect(clearsBounds([45, 55], [50, 100])).toBe(false);
    expect(clearsBounds([40, 120], [50, 100])).toBe(false);
  });
});
