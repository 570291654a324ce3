import { describe, expect, it } from 'vitest';
import { headline } from '../reports/headlines';
import { c11 } from '../runner/analyse/claims/c11-promise-all';
import {
  cell,
  evaluated,
  scenarioBrowser as browser,
  scenarioComparison as comparison,
  scenarioRun as run,
} from './claims-support';

describe('C11: Promise.all over actions from the client', () => {
  const chain = (actionChain: number) =>
    [0, 50].flatMap((rtt) => [
      cell('parallel', 'action', rtt, { roundTrips: actionChain }),
      cell('parallel', 'route', rtt, { roundTrips: 1 }),
    ]);

  it('is refuted when the actions form a chain and the five fetches finish first beyond noise', () => {
    const claim = evaluated(c11, {
      run,
      browser: browser({
        cells: chain(5),
        comparisons: [comparison('parallel', 0, [-60, -40]), comparison('parallel', 50, [-260, -219])],
      }),
    });
    expect(claim.verdict).toBe('refuted');
    expect(claim.evidence.filter((row) => row.action === 5)).toHaveLength(2);
    expect(headline(claim)).toMatch(
      /^Started together with Promise\.all in the browser, five actions formed a chain of 5 requests at RTT 0 ms and 5 requests at RTT 50 ms \(five fetches to a Route Handler: 1 and 1\); until all five showed, the action was 50\.0 ms slower at RTT 0 ms .*239\.5 ms slower at RTT 50 ms/,
    );
  });

  it('is supported when the actions overlapped (a chain of 1) and were not slower', () => {
    expect(
      evaluated(c11, { run, browser: browser({ cells: chain(1), comparisons: [comparison('parallel', 50, [-3, 4])] }) })
        .verdict,
    ).toBe('supported');
  });

  it('holds the timing rows back under the quick profile, not for a budget stop, and is not measured without the scenario', () => {
    const quick = evaluated(c11, {
      run: { ...run, profile: 'quick' },
      browser: browser({ comparisons: [comparison('parallel', 50, [-260, -219])] }),
    });
    expect(quick.verdict).toBe('inconclusive');
    expect(quick.evidence[0]).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/quick profile/),
    });
    // DESIGN: a budget stop with n_min page loads per arm leaves a valid, wider interval.
    const budget = evaluated(c11, {
      run,
      browser: browser({ comparisons: [comparison('parallel', 50, [-260, -219], { sampling: 'budget' })] }),
    });
    expect(budget.evidence.find((row) => row.diffMs !== undefined)?.reason).toBeUndefined();
    expect(evaluated(c11, { run, browser: browser({}) })).toMatchObject({
      verdict: 'not-measured',
      summary: expect.stringMatching(/^Needs the parallel scenario/),
    });
  });
});
