import { describe, expect, it } from 'vitest';
import { c03 } from '../runner/analyse/claims/c03-less-latency';
import { aaRow, browser, comparison, evaluated, http, run } from './claims-support';

describe('C3', () => {
  const counter = (ci: [number, number][], rtts = [0, 60, 120]) =>
    rtts.map((rtt, i) => comparison('route', rtt, ci[i]!, { scenario: 'counter' }));

  it('is supported when the action is faster beyond noise at every RTT', () => {
    expect(
      evaluated(c03, {
        run,
        browser: browser(
          counter([
            [2, 6],
            [3, 7],
            [1, 5],
          ]),
        ),
      }).verdict,
    ).toBe('supported');
  });

  it('is refuted when the action is slower beyond noise at one RTT after Holm, and says where', () => {
    const claim = evaluated(c03, {
      run,
      browser: browser(
        counter([
          [-1, 1],
          [-8, -4],
          [-1, 2],
        ]),
      ),
    });
    expect(claim).toMatchObject({ verdict: 'refuted', qualifier: 'the action is slower at RTT 60 ms' });
  });

  it('does not refute on one row that only an unadjusted test would call slower', () => {
    // One-sided p about 0.04 at RTT 60: below 5%, above Holm's 5%/3.
    const claim = evaluated(c03, {
      run,
      browser: browser(
        counter([
          [-1, 3],
          [-4.6, 0.1],
          [-1, 3],
        ]),
      ),
    });
    expect(claim.verdict).toBe('inconclusive');
  });

  it('is refuted, no difference, when every RTT lies within ±2 ms', () => {
    expect(
      evaluated(c03, {
        run,
        browser: browser(
          counter([
            [-1, 1],
            [-1.5, 1.5],
            [-1, 1.2],
          ]),
        ),
      }),
    ).toMatchObject({ verdict: 'refuted', qualifier: expect.stringMatching(/within ±2 ms at every RTT/) });
  });

  it('is decided by latency only: bytes, CPU and throughput are mechanism rows that never decide', () => {
    const claim = evaluated(c03, {
      run,
      http: http([0.55, 0.65], [0.88, 0.98]),
      browser: browser(
        counter([
          [-1, 3],
          [-1, 3],
          [-1, 3],
        ]),
      ),
    });
    expect(claim.verdict).toBe('inconclusive');
    expect(claim.evidence.filter((row) => row.role !== undefined).every((row) => row.verdict === undefined)).toBe(true);
    expect(evaluated(c03, { run, http: http([0.55, 0.65], [0.88, 0.98]) })).toMatchObject({
      verdict: 'inconclusive',
      qualifier: expect.stringMatching(/outcome .* was not measured/),
    });
  });

  it('is not supported when a gate holds an RTT back, and names how many', () => {
    const rows = counter([
      [2, 6],
      [3, 7],
      [1, 5],
    ]);
    const claim = evaluated(c03, {
      run,
      browser: browser(rows, {
        aa: [aaRow(0, [-1, 1], 'counter'), aaRow(60, [-9, 9], 'counter'), aaRow(120, [-1, 1], 'counter')],
      }),
    });
    expect(claim).toMatchObject({
      verdict: 'inconclusive',
      qualifier: expect.stringMatching(
        /^1 of 3 RTTs held back by a gate \(the instrument was too noisy at this run's size/,
      ),
    });
    expect(evaluated(c03, { run: { profile: 'quick', minLoads: 3 }, browser: browser(rows) }).verdict).toBe(
      'inconclusive',
    );
  });
});
