import { describe, expect, it } from 'vitest';
import { evaluateC11, evaluateC14, evaluateC15, FRAME_MS } from '../runner/claims/scenario-claims';
import type { AaResult, Accuracy, BrowserResults, Cell, Comparison, Group } from '../runner/results/schema';
import { headline } from '../reports/headlines';

const run = { profile: 'standard', minLoads: 4 };

const comparison = (
  scenario: string,
  rttMs: number,
  ci95: [number, number],
  extra: Partial<Comparison> = {},
): Comparison => ({
  scenario,
  rttMs,
  chrome: 'no-defer',
  a: 'route',
  b: 'action',
  diffMedianMs: (ci95[0] + ci95[1]) / 2,
  ci95,
  df: 6,
  n: [15, 15],
  loads: [5, 5],
  sampling: 'precision',
  ...extra,
});
const aaRow = (scenario: string, rttMs: number): AaResult => ({
  scenario,
  rttMs,
  chrome: 'no-defer',
  variant: 'action',
  diffMedianMs: 0,
  ci95: [-2, 2],
  df: 6,
  n: [15, 15],
  loads: [5, 5],
  sampling: 'precision',
});
const group = (scenario: string, rttMs: number, state: Group['state'] = 'precision'): Group => ({
  key: `${scenario}@${rttMs}`,
  scenario,
  rttMs,
  chrome: 'no-defer',
  state,
  loads: 5,
  plannedLoads: 5,
  capped: false,
  stageOneHalfWidthMs: 3,
});
const cell = (scenario: string, variant: string, rttMs: number, extra: Partial<Cell> = {}): Cell =>
  ({
    scenario,
    variant,
    rttMs,
    chrome: 'no-defer',
    n: 15,
    loads: 5,
    roundTrips: 1,
    expectedRoundTrips: 1,
    marks: [],
    ...extra,
  }) as Cell;

function browser(parts: {
  comparisons?: Comparison[];
  cells?: Cell[];
  accuracy?: Accuracy[];
  groups?: Group[];
}): BrowserResults {
  const comparisons = parts.comparisons ?? [];
  const keys = new Set([...comparisons, ...(parts.cells ?? [])].map((row) => `${row.scenario}|${row.rttMs}`));
  const pairs = [...keys].map((key) => key.split('|') as [string, string]);
  return {
    rttEmulation: 'proxy',
    chromeModes: ['no-defer'],
    wallSeconds: 1,
    rounds: [],
    groups: parts.groups ?? pairs.map(([scenario, rtt]) => group(scenario, Number(rtt))),
    cells: parts.cells ?? [],
    comparisons,
    aa: pairs.map(([scenario, rtt]) => aaRow(scenario, Number(rtt))),
    accuracy: parts.accuracy ?? [],
  };
}

describe('C11: Promise.all over actions from the client', () => {
  const chain = (actionChain: number) =>
    [0, 50].flatMap((rtt) => [
      cell('parallel', 'action', rtt, { roundTrips: actionChain }),
      cell('parallel', 'route', rtt, { roundTrips: 1 }),
    ]);

  it('is refuted when the actions form a chain and the five fetches finish first beyond noise', () => {
    const claim = evaluateC11({
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
      evaluateC11({ run, browser: browser({ cells: chain(1), comparisons: [comparison('parallel', 50, [-3, 4])] }) })
        .verdict,
    ).toBe('supported');
  });

  it('holds the timing rows back under the quick profile, not for a budget stop, and is not measured without the scenario', () => {
    const quick = evaluateC11({
      run: { ...run, profile: 'quick' },
      browser: browser({ comparisons: [comparison('parallel', 50, [-260, -219])] }),
    });
    expect(quick.verdict).toBe('inconclusive');
    expect(quick.evidence[0]).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/quick profile/),
    });
    // DESIGN: a budget stop with n_min page loads per arm leaves a valid, wider interval.
    const budget = evaluateC11({
      run,
      browser: browser({ comparisons: [comparison('parallel', 50, [-260, -219], { sampling: 'budget' })] }),
    });
    expect(budget.evidence.find((row) => row.diffMs !== undefined)?.reason).toBeUndefined();
    expect(evaluateC11({ run, browser: browser({}) })).toMatchObject({
      verdict: 'not-measured',
      summary: expect.stringMatching(/^Needs the parallel scenario/),
    });
  });
});

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
    const claim = evaluateC14({
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
      evaluateC14({
        run,
        browser: browser({
          cells: [paint('action', 0, [2, 4]), paint('action', 50, [52, 56])],
          accuracy: [rise('action', 50, [48, 53])],
        }),
      }).verdict,
    ).toBe('refuted');
    expect(
      evaluateC14({ run, browser: browser({ cells: [paint('action', 0, [FRAME_MS + 1, FRAME_MS + 9])] }) }).verdict,
    ).toBe('refuted');
  });

  it('is inconclusive when an interval reaches past the frame or the band, or the cell is under-sampled', () => {
    expect(evaluateC14({ run, browser: browser({ cells: [paint('action', 0, [10, 20])] }) }).verdict).toBe(
      'inconclusive',
    );
    expect(
      evaluateC14({
        run,
        browser: browser({
          cells: [paint('action', 0, [2, 4]), paint('action', 50, [2, 4])],
          accuracy: [rise('action', 50, [-1, 7])],
        }),
      }).verdict,
    ).toBe('inconclusive');
    const few = evaluateC14({ run, browser: browser({ cells: [paint('action', 0, [2, 4], { loads: 2 })] }) });
    expect(few.verdict).toBe('inconclusive');
    expect(few.evidence[0]).toMatchObject({ reason: "2 page loads, below n_min's 4" });
    expect(
      evaluateC14({
        run,
        browser: browser({ cells: [paint('action', 0, [2, 4])], groups: [group('optimistic', 0, 'open')] }),
      }).verdict,
    ).toBe('inconclusive');
    expect(evaluateC14({ run, browser: browser({}) }).verdict).toBe('not-measured');
  });
});

describe('C15: large files and streaming fit Route Handlers better', () => {
  const exportRow = (
    rttMs: number,
    total: [number, number],
    firstByte: [number, number],
    rss: [number, number],
    extra: Partial<Comparison> = {},
  ) =>
    comparison('export', rttMs, total, {
      firstByteDiffMs: { estimate: (firstByte[0] + firstByte[1]) / 2, ci95: firstByte },
      serverRssRiseDiffMb: { estimate: (rss[0] + rss[1]) / 2, ci95: rss },
      ...extra,
    });
  const upload = (variant: string, status: number) =>
    cell('payload-2mb', variant, 0, {
      medianInteraction: {
        latencyMs: 100,
        requests: [{ method: 'POST', path: `/payload/${variant}`, status, startMs: 1, endMs: 90 }],
      },
    });

  it('is supported when the stream is faster, answers sooner and holds less, and only the route takes 2 MB', () => {
    const claim = evaluateC15({
      run,
      browser: browser({
        comparisons: [exportRow(0, [-1400, -1200], [-600, -450], [-60, -40])],
        cells: [upload('action', 500), upload('route', 201)],
      }),
    });
    expect(claim.verdict).toBe('supported');
    expect(claim.evidence).toHaveLength(4);
    expect(claim.evidence.at(-1)).toMatchObject({ action: '500 refused', route: '201 saved', verdict: 'supported' });
    expect(headline(claim)).toMatch(
      /^Route minus action on a 21 MB CSV export and uploads up to 2 MB: the Route Handler is better beyond noise in export, total time \(to the saved file\) at RTT 0 ms: −1300\.0 ms .*server's RSS rise during the export at RTT 0 ms: −50\.0 MB \(95% CI −60\.0 to −40\.0 MB\) and payload 2 MB upload with default settings \(exact\): action 500 refused, route 201 saved\.$/,
    );
  });

  it('depends when the route is better in one measure and worse in another; rows without a difference decide nothing', () => {
    expect(
      evaluateC15({ run, browser: browser({ comparisons: [exportRow(0, [100, 200], [-600, -450], [-5, 5])] }) })
        .verdict,
    ).toBe('depends');
    expect(
      evaluateC15({
        run,
        browser: browser({
          comparisons: [exportRow(0, [-20, 20], [-5, 5], [-5, 5]), comparison('payload-900kb', 0, [-4, 3])],
        }),
      }).verdict,
    ).toBe('inconclusive');
  });

  it('holds the export rows back when the A/A control fails, and is refuted where only the action takes 2 MB', () => {
    const failedAa = browser({ comparisons: [exportRow(0, [-1400, -1200], [-600, -450], [-60, -40])] });
    failedAa.aa = [{ ...failedAa.aa[0]!, diffMedianMs: 6, ci95: [3, 9] }];
    const held = evaluateC15({ run, browser: failedAa });
    expect(held.verdict).toBe('inconclusive');
    expect(held.evidence.every((row) => String(row.reason).startsWith('the A/A control was not shown within'))).toBe(
      true,
    );
    expect(
      evaluateC15({ run, browser: browser({ cells: [upload('action', 200), upload('route', 413)] }) }).verdict,
    ).toBe('refuted');
    expect(evaluateC15({ run, browser: browser({}) })).toMatchObject({
      verdict: 'not-measured',
      summary: expect.stringMatching(/^Needs the export and payload scenarios/),
    });
  });
});
