import { describe, expect, it } from 'vitest';
import { c01 } from '../runner/analyse/claims/c01-feels-faster';
import type { Accuracy, BrowserResults, Cell } from '../runner/contract/results';
import { aaRow, browser, comparison, evaluated, run } from './claims-support';

/** An accuracy row of the reference mode at RTT 75 whose rise (expected 75 ms) has this CI; its point error is -9 ms. */
const missed = (variant: string, ci95: [number, number]): Partial<Accuracy> => ({
  reference: true,
  scenario: 'revalidate',
  rttMs: 75,
  variant,
  expectedIncreaseMs: 75,
  measuredIncreaseMs: 66,
  ci95,
  errorMs: -9,
  toleranceMs: 5,
  withinTolerance: false,
});

describe('C1', () => {
  const dance = (rtt: number, ci: [number, number]) => [
    comparison('route-query', rtt, ci),
    comparison('route-refresh', rtt, ci),
  ];
  /** Route minus action on a line: intercept + slope x RTT, each point's 95% CI ±halfWidth. */
  const line = (rtts: readonly number[], intercept: number, slope: number, halfWidth = 4) =>
    rtts.flatMap((rtt) => dance(rtt, [intercept + slope * rtt - halfWidth, intercept + slope * rtt + halfWidth]));

  it('is supported when the simultaneous band lies inside [50, 100] ms over every RTT users have that the run measured', () => {
    const claim = evaluated(c01, { run, browser: browser(line([100, 200], 75, 0)) });
    expect(claim.verdict).toBe('supported');
    expect(claim.summary).toMatch(/Judged over RTT 102-196 ms .*treo\.sh/);
  });

  it('is refuted, larger than claimed, when the saved round trip already exceeds 100 ms there', () => {
    const claim = evaluated(c01, { run, browser: browser(line([0, 60, 120], 10, 1)) });
    expect(claim).toMatchObject({ verdict: 'refuted', qualifier: 'larger than claimed' });
  });

  it('is refuted, smaller than claimed, below the band', () => {
    expect(evaluated(c01, { run, browser: browser(line([100, 200], 20, 0)) })).toMatchObject({
      verdict: 'refuted',
      qualifier: 'smaller than claimed',
    });
  });

  it('gives the same verdict whichever RTTs were sampled: the grid cannot force depends', () => {
    const verdicts = [
      [0, 60, 120],
      [40, 80, 120],
      [100, 120],
    ].map((rtts) => evaluated(c01, { run, browser: browser(line(rtts, 10, 1)) }));
    expect(new Set(verdicts.map((claim) => `${claim.verdict} ${claim.qualifier}`)).size).toBe(1);
  });

  it('depends on RTT only when the evidence splits inside the judged range, and says where', () => {
    const claim = evaluated(c01, { run, browser: browser(line([100, 200], -20, 1)) });
    expect(claim.verdict).toBe('depends');
    expect(claim.qualifier).toMatch(/^on RTT: inside 50-100 ms for RTT 1\d\d-1\d\d ms, more for 1\d\d-196 ms/);
  });

  it('never judges past the measured RTTs: RTT 0 and 60 alone are inconclusive', () => {
    const claim = evaluated(c01, { run, browser: browser(line([0, 60], 10, 1)) });
    expect(claim.verdict).toBe('inconclusive');
    expect(claim.qualifier).toMatch(/do not reach 102-196 ms/);
  });

  it('is inconclusive when the band reaches across a bound', () => {
    expect(evaluated(c01, { run, browser: browser(line([100, 200], 98, 0, 10)) }).verdict).toBe('inconclusive');
  });

  it('widens the band when the line does not fit its points (lack of fit)', () => {
    const bent = [...dance(0, [4, 6]), ...dance(60, [94, 96]), ...dance(120, [124, 126])];
    const claim = evaluated(c01, { run, browser: browser(bent) });
    expect(
      claim.evidence.find((row) => row.variant === 'route-query' && row.lackOfFit !== undefined)!.lackOfFit,
    ).toMatch(/p 0\.000; band widened/);
  });

  it('leaves route-json out of the fit: it is not an invalidation dance', () => {
    const claim = evaluated(c01, {
      run,
      browser: browser([
        ...line([100, 200], 75, 0),
        comparison('route-json', 100, [-3, 2]),
        comparison('route-json', 200, [-3, 2]),
      ]),
    });
    expect(claim.verdict).toBe('supported');
  });

  const reference = { scenario: 'revalidate', variant: 'action', rttMs: 100, chrome: 'no-defer', medianMs: 80 } as Cell;
  it.each([
    [
      'an A/A control not shown within ±max(3 ms, 5%)',
      { aa: [aaRow(100, [-5, 3]), aaRow(200, [-1, 1])], cells: [reference] },
      {},
      /A\/A control was not shown within ±4\.0 ms/,
    ],
    [
      'a known answer not shown',
      { accuracy: [{ ...missed('route-query', [70, 78]), rttMs: 100, expectedIncreaseMs: 75, toleranceMs: 3.75 }] },
      {},
      /RTT known answer was not shown at this RTT \(route-query's rise/,
    ],
    ['an arm that failed', {}, { sampling: 'failed' as const }, /arm of this comparison failed/],
    ['too few page loads', {}, { loads: [5, 5] as [number, number] }, /5 page loads, below n_min's 8/],
    ['unbalanced arms', {}, { loads: [10, 9] as [number, number] }, /unbalanced arms \(10 and 9 page loads\)/],
  ])('holds back a row for %s, and with one RTT left there is no fit', (_name, options, extra, reason) => {
    const rows = [comparison('route-query', 100, [70, 80], extra), comparison('route-query', 200, [70, 80])];
    const claim = evaluated(c01, { run, browser: browser(rows, options as never) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(reason);
    expect(claim.qualifier).toMatch(/one RTT passed every gate/);
  });

  it('holds back rows sampled mostly in busy rounds, and never for being stopped by the budget', () => {
    const busyRound = { busy: true } as BrowserResults['rounds'][number];
    const quiet = { busy: false } as BrowserResults['rounds'][number];
    const budgetStopped = line([100, 200], 75, 0).map((row) => ({ ...row, sampling: 'budget' as const }));
    expect(evaluated(c01, { run, browser: browser(budgetStopped) }).verdict).toBe('supported');
    const busy = {
      ...browser(line([100, 200], 75, 0)),
      rounds: [...Array(4).fill(busyRound), ...Array(6).fill(quiet)],
    };
    const claim = evaluated(c01, { run, browser: busy });
    expect(claim.verdict).toBe('inconclusive');
    expect(claim.summary).toMatch(/other processes used the machine during 4 of the 10 rounds/);
  });

  it('gives no verdict from the quick profile', () => {
    expect(
      evaluated(c01, { run: { profile: 'quick', minLoads: 3 }, browser: browser(line([100, 200], 75, 0)) }).verdict,
    ).toBe('inconclusive');
  });

  it('is not-measured without the revalidate scenario', () => {
    expect(evaluated(c01, { run }).verdict).toBe('not-measured');
  });
});
