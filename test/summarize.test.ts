import { describe, expect, it } from 'vitest';
import { ResultsSchema } from '../runner/results/schema';
import { syntheticResults } from './results-fixture';

describe('summarize', () => {
  const results = syntheticResults();
  const { cells, comparisons, aa, accuracy } = results.browser!;

  it('makes one cell per variant and RTT, twins excluded, with wire bytes and page loads', () => {
    expect(cells).toHaveLength(8);
    const cell = cells.find((c) => c.variant === 'route-refresh' && c.rttMs === 60)!;
    expect(cell).toMatchObject({ n: 30, loads: 10, roundTrips: 2, expectedRoundTrips: 2, requestsPerInteraction: 2, bytesPerInteraction: 2600, requestBytesPerInteraction: 800, responseBytesPerInteraction: 1800, bytesSpread: 0, inputDelayMedianMs: 1 });
    expect(cell.medianMs).toBeGreaterThan(10 + 2 * 65);
    expect(cell.medianMs).toBeLessThan(10 + 2 * 65 + 3);
  });

  it('compares every route variant against the action as b, with the A/A twin apart', () => {
    expect(comparisons.map((c) => `${c.a}-${c.b}@${c.rttMs}`).sort()).toEqual(
      ['route-json-action@0', 'route-json-action@60', 'route-query-action@0', 'route-query-action@60', 'route-refresh-action@0', 'route-refresh-action@60'],
    );
    const refresh = comparisons.find((c) => c.a === 'route-refresh' && c.rttMs === 60)!;
    // route-refresh costs one more (rtt + 5) than the action: +65 ms.
    expect(refresh.ci95[0]).toBeLessThan(65 + 1);
    expect(refresh.ci95[1]).toBeGreaterThan(65 - 1);
    expect(refresh).toMatchObject({ loads: [10, 10], n: [30, 30], sampling: 'precision' });
    expect(aa).toHaveLength(2);
    for (const row of aa) expect(row.ci95[0] <= 0 && row.ci95[1] >= 0).toBe(true);
  });

  it('checks the RTT slope against roundTrips x rtt', () => {
    const refresh = accuracy.find((a) => a.variant === 'route-refresh')!;
    expect(refresh.expectedIncreaseMs).toBe(120);
    expect(refresh.measuredIncreaseMs).toBeCloseTo(120, -1);
    expect(refresh).toMatchObject({ reference: true, chrome: 'no-defer', withinTolerance: true });
  });

  it('produces results that satisfy the exported schema', () => {
    expect(() => ResultsSchema.parse(results)).not.toThrow();
    expect(() => ResultsSchema.parse({ ...results, schemaVersion: 1 })).toThrow();
    expect(() => ResultsSchema.parse({ ...results, claims: [{ ...results.claims[0], verdict: 'maybe' }] })).toThrow();
  });
});
