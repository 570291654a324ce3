import { describe, expect, it } from 'vitest';
import { c02 } from '../runner/analyse/claims/c02-one-round-trip';
import type { Cell } from '../runner/contract/results';
import { browser, comparison, evaluated, run } from './claims-support';

describe('C2', () => {
  const cell = (variant: string, rttMs: number, counts: Record<string, number> | undefined) =>
    ({
      scenario: 'revalidate',
      variant,
      rttMs,
      chrome: 'no-defer',
      n: 30,
      roundTrips: Number(Object.keys(counts ?? { 1: 1 })[0]),
      ...(counts ? { roundTripCounts: counts } : {}),
    }) as Cell;
  const exact = [
    cell('action', 0, { 1: 30 }),
    cell('route-refresh', 0, { 2: 30 }),
    cell('action', 60, { 1: 30 }),
    cell('route-refresh', 60, { 2: 30 }),
  ];
  const slope = [comparison('route-refresh', 0, [6, 8]), comparison('route-refresh', 60, [36, 38])];

  it('is supported on exact counts: one request against two in at least 95% of samples at every RTT, whatever the slope', () => {
    const claim = evaluated(c02, { run, browser: browser(slope, { cells: exact }) });
    expect(claim.verdict).toBe('supported');
    // The slope is shown as the emulator's known answer, with no verdict of its own.
    const slopeRow = claim.evidence.find((row) => row.slope !== undefined)!;
    expect(slopeRow.slope).toBeCloseTo(0.5, 10);
    expect(slopeRow).toMatchObject({ role: expect.stringMatching(/not a verdict row/) });
    expect(slopeRow.verdict).toBeUndefined();
  });

  it('is refuted when the counts are clear and not one apart, inconclusive when mixed, and needs per-sample counts', () => {
    const same = [cell('action', 0, { 2: 30 }), cell('route-refresh', 0, { 2: 30 })];
    expect(evaluated(c02, { run, browser: browser([], { cells: same }) }).verdict).toBe('refuted');
    const mixed = [cell('action', 0, { 1: 27, 2: 3 }), cell('route-refresh', 0, { 2: 30 })];
    expect(evaluated(c02, { run, browser: browser([], { cells: mixed }) })).toMatchObject({
      verdict: 'inconclusive',
      qualifier: expect.stringMatching(/action 1 in 90%/),
    });
    expect(
      evaluated(c02, {
        run,
        browser: browser([], { cells: [cell('action', 0, undefined), cell('route-refresh', 0, undefined)] }),
      }).verdict,
    ).toBe('inconclusive');
    expect(
      evaluated(c02, { run: { profile: 'quick', minLoads: 3 }, browser: browser([], { cells: exact }) }).verdict,
    ).toBe('inconclusive');
    expect(evaluated(c02, { run }).verdict).toBe('not-measured');
  });
});
