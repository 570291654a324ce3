import { describe, expect, it } from 'vitest';
import { headline } from '../reports/headlines';
import { c14, FRAME_MS } from '../runner/analyse/claims/c14-instant-optimistic';
import type { Accuracy, Cell } from '../runner/contract/results';
import { cell, evaluated, group, scenarioBrowser as browser, scenarioRun as run } from './claims-support';

describe('C14: useOptimistic paints within a frame, whatever the RTT', () => {
  const paint = (variant: string, rttMs: number, ci95: [number, number], extra: Partial<Cell> = {}) =>
    cell('optimistic', variant, rttMs, {
      marks: [
        {
          name: 'optimistic',
          n: 15,
          medianMs: ci95[0],
          p90Ms: ci95[1],
          expectedRoundTrips: 0,
          afterInputDelayMs: { estimate: (ci95[0] + ci95[1]) / 2, ci95 },
        },
      ],
      ...extra,
    });
  const rise = (variant: string, rttMs: number, ci95: [number, number]): Accuracy => ({
    scenario: 'optimistic',
    variant,
    mark: 'optimistic',
    rttMs,
    chrome: 'no-defer',
    reference: true,
    expectedRoundTrips: 0,
    measuredRoundTrips: 0,
    expectedIncreaseMs: 0,
    measuredIncreaseMs: (ci95[0] + ci95[1]) / 2,
    ci95,
    errorMs: (ci95[0] + ci95[1]) / 2,
    toleranceMs: 5,
    withinTolerance: true,
  });

  it('is supported when every paint interval lies within a frame and every rise within ±5 ms', () => {
    const claim = evaluated(c14, {
      run,
      browser: browser({
        cells: [paint('action', 0, [2, 4]), paint('action', 50, [2.5, 4.5]), paint('route', 0, [30, 40])],
        accuracy: [rise('action', 50, [-1, 2]), rise('route', 50, [20, 30])],
      }),
    });
    expect(claim.verdict).toBe('supported');
    // The route's hand-written optimistic state is context: its slow paint decides nothing.
    expect(claim.evidence.filter((row) => row.variant === 'route').every((row) => row.verdict === 'not-measured')).toBe(
      true,
    );
    expect(headline(claim)).toMatch(
      /^With useOptimistic and the action, the toggled like painted 3\.0 ms at RTT 0 ms .* against one frame \(16\.7 ms\)\. From RTT 0 it rose by 0\.5 ms at RTT 50 ms .*route's optimistic state painted in 35\.0 ms at RTT 0 ms/,
    );
  });

  it('is refuted when the paint waits on the network (a rise wholly past 5 ms) or takes more than a frame', () => {
    expect(
      evaluated(c14, {
        run,
        browser: browser({
          cells: [paint('action', 0, [2, 4]), paint('action', 50, [52, 56])],
          accuracy: [rise('action', 50, [48, 53])],
        }),
      }).verdict,
    ).toBe('refuted');
    expect(
      evaluated(c14, { run, browser: browser({ cells: [paint('action', 0, [FRAME_MS + 1, FRAME_MS + 9])] }) }).verdict,
    ).toBe('refuted');
  });

  it('is inconclusive when an interval reaches past the frame or the band, or the cell is under-sampled', () => {
    expect(evaluated(c14, { run, browser: browser({ cells: [paint('action', 0, [10, 20])] }) }).verdict).toBe(
      'inconclusive',
    );
    expect(
      evaluated(c14, {
        run,
        browser: browser({
          cells: [paint('action', 0, [2, 4]), paint('action', 50, [2, 4])],
          accuracy: [rise('action', 50, [-1, 7])],
        }),
      }).verdict,
    ).toBe('inconclusive');
    const few = evaluated(c14, { run, browser: browser({ cells: [paint('action', 0, [2, 4], { loads: 2 })] }) });
    expect(few.verdict).toBe('inconclusive');
    expect(few.evidence[0]).toMatchObject({ reason: "2 page loads, below n_min's 4" });
    expect(
      evaluated(c14, {
        run,
        browser: browser({ cells: [paint('action', 0, [2, 4])], groups: [group('optimistic', 0, 'open')] }),
      }).verdict,
    ).toBe('inconclusive');
    expect(evaluated(c14, { run, browser: browser({}) }).verdict).toBe('not-measured');
  });
});
