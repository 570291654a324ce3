import { describe, expect, it } from 'vitest';
import { evaluateC1, evaluateC2, evaluateC3, evaluateC4a, evaluateC4b, evaluateClaims } from '../runner/claims/claims';
import { bandVerdict, combineDirections, combineVerdicts, directionVerdict } from '../runner/claims/verdicts';
import type {
  AaResult,
  Accuracy,
  BrowserResults,
  Cell,
  Comparison,
  HttpCell,
  HttpRatio,
  HttpResults,
} from '../runner/results/schema';

const run = { profile: 'standard', minLoads: 8 };

const comparison = (a: string, rttMs: number, ci95: [number, number], extra: Partial<Comparison> = {}): Comparison => ({
  scenario: 'revalidate',
  rttMs,
  chrome: 'no-defer',
  a,
  b: 'action',
  diffMedianMs: (ci95[0] + ci95[1]) / 2,
  ci95,
  df: 9,
  n: [30, 30],
  loads: [10, 10],
  sampling: 'precision',
  ...extra,
});
const aaRow = (rttMs: number, ci95: [number, number], scenario = 'revalidate'): AaResult => ({
  scenario,
  rttMs,
  chrome: 'no-defer',
  variant: 'action',
  diffMedianMs: (ci95[0] + ci95[1]) / 2,
  ci95,
  df: 9,
  n: [30, 30],
  loads: [10, 10],
  sampling: 'precision',
});
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

function browser(
  comparisons: Comparison[],
  options: { aa?: AaResult[]; accuracy?: Partial<Accuracy>[]; cells?: Partial<Cell>[] } = {},
): BrowserResults {
  const rtts = [...new Set(comparisons.map((c) => c.rttMs))];
  return {
    rttEmulation: 'proxy',
    chromeModes: ['no-defer'],
    wallSeconds: 1,
    groups: [],
    rounds: [],
    cells: (options.cells ?? []) as Cell[],
    comparisons,
    aa:
      options.aa ??
      [...new Set(comparisons.map((c) => c.scenario))].flatMap((scenario) =>
        rtts.map((rtt) => aaRow(rtt, [-1, 1], scenario)),
      ),
    accuracy: (options.accuracy ?? []) as Accuracy[],
  };
}

describe('verdict rules', () => {
  it('combine per the DESIGN rule', () => {
    expect(combineVerdicts([])).toBe('not-measured');
    expect(combineVerdicts(['supported', 'supported'])).toBe('supported');
    expect(combineVerdicts(['refuted', 'supported', 'inconclusive'])).toBe('depends');
    expect(combineVerdicts(['refuted', 'inconclusive'])).toBe('inconclusive');
    expect(combineDirections(['refuted', 'inconclusive'])).toBe('refuted');
    expect(combineDirections(['inconclusive'])).toBe('inconclusive');
  });

  it('read a CI against a band and against parity', () => {
    expect(bandVerdict([55, 95], [50, 100])).toBe('supported');
    expect(bandVerdict([101, 140], [50, 100])).toBe('refuted');
    expect(bandVerdict([45, 55], [50, 100])).toBe('inconclusive');
    expect(directionVerdict([0.5, 0.7], 1, 'above')).toBe('refuted');
    expect(directionVerdict([0.5, 0.7], 1, 'below')).toBe('supported');
    expect(directionVerdict([0.9, 1.1], 1, 'below')).toBe('inconclusive');
  });
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
    const claim = evaluateC1({ run, browser: browser(line([100, 200], 75, 0)) });
    expect(claim.verdict).toBe('supported');
    expect(claim.summary).toMatch(/Judged over RTT 102-196 ms .*treo\.sh/);
  });

  it('is refuted, larger than claimed, when the saved round trip already exceeds 100 ms there', () => {
    const claim = evaluateC1({ run, browser: browser(line([0, 60, 120], 10, 1)) });
    expect(claim).toMatchObject({ verdict: 'refuted', qualifier: 'larger than claimed' });
  });

  it('is refuted, smaller than claimed, below the band', () => {
    expect(evaluateC1({ run, browser: browser(line([100, 200], 20, 0)) })).toMatchObject({
      verdict: 'refuted',
      qualifier: 'smaller than claimed',
    });
  });

  it('gives the same verdict whichever RTTs were sampled: the grid cannot force depends', () => {
    const verdicts = [
      [0, 60, 120],
      [40, 80, 120],
      [100, 120],
    ].map((rtts) => evaluateC1({ run, browser: browser(line(rtts, 10, 1)) }));
    expect(new Set(verdicts.map((claim) => `${claim.verdict} ${claim.qualifier}`)).size).toBe(1);
  });

  it('depends on RTT only when the evidence splits inside the judged range, and says where', () => {
    const claim = evaluateC1({ run, browser: browser(line([100, 200], -20, 1)) });
    expect(claim.verdict).toBe('depends');
    expect(claim.qualifier).toMatch(/^on RTT: inside 50-100 ms for RTT 1\d\d-1\d\d ms, more for 1\d\d-196 ms/);
  });

  it('never judges past the measured RTTs: RTT 0 and 60 alone are inconclusive', () => {
    const claim = evaluateC1({ run, browser: browser(line([0, 60], 10, 1)) });
    expect(claim.verdict).toBe('inconclusive');
    expect(claim.qualifier).toMatch(/do not reach 102-196 ms/);
  });

  it('is inconclusive when the band reaches across a bound', () => {
    expect(evaluateC1({ run, browser: browser(line([100, 200], 98, 0, 10)) }).verdict).toBe('inconclusive');
  });

  it('widens the band when the line does not fit its points (lack of fit)', () => {
    const bent = [...dance(0, [4, 6]), ...dance(60, [94, 96]), ...dance(120, [124, 126])];
    const claim = evaluateC1({ run, browser: browser(bent) });
    expect(
      claim.evidence.find((row) => row.variant === 'route-query' && row.lackOfFit !== undefined)!.lackOfFit,
    ).toMatch(/p 0\.000; band widened/);
  });

  it('leaves route-json out of the fit: it is not an invalidation dance', () => {
    const claim = evaluateC1({
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
    const claim = evaluateC1({ run, browser: browser(rows, options as never) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(reason);
    expect(claim.qualifier).toMatch(/one RTT passed every gate/);
  });

  it('holds back rows sampled mostly in busy rounds, and never for being stopped by the budget', () => {
    const busyRound = { busy: true } as BrowserResults['rounds'][number];
    const quiet = { busy: false } as BrowserResults['rounds'][number];
    const budgetStopped = line([100, 200], 75, 0).map((row) => ({ ...row, sampling: 'budget' as const }));
    expect(evaluateC1({ run, browser: browser(budgetStopped) }).verdict).toBe('supported');
    const busy = {
      ...browser(line([100, 200], 75, 0)),
      rounds: [...Array(4).fill(busyRound), ...Array(6).fill(quiet)],
    };
    const claim = evaluateC1({ run, browser: busy });
    expect(claim.verdict).toBe('inconclusive');
    expect(claim.summary).toMatch(/other processes used the machine during 4 of the 10 rounds/);
  });

  it('gives no verdict from the quick profile', () => {
    expect(
      evaluateC1({ run: { profile: 'quick', minLoads: 3 }, browser: browser(line([100, 200], 75, 0)) }).verdict,
    ).toBe('inconclusive');
  });

  it('is not-measured without the revalidate scenario', () => {
    expect(evaluateC1({ run }).verdict).toBe('not-measured');
  });
});

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
    const claim = evaluateC2({ run, browser: browser(slope, { cells: exact }) });
    expect(claim.verdict).toBe('supported');
    // The slope is shown as the emulator's known answer, with no verdict of its own.
    const slopeRow = claim.evidence.find((row) => row.slope !== undefined)!;
    expect(slopeRow.slope).toBeCloseTo(0.5, 10);
    expect(slopeRow).toMatchObject({ role: expect.stringMatching(/not a verdict row/) });
    expect(slopeRow.verdict).toBeUndefined();
  });

  it('is refuted when the counts are clear and not one apart, inconclusive when mixed, and needs per-sample counts', () => {
    const same = [cell('action', 0, { 2: 30 }), cell('route-refresh', 0, { 2: 30 })];
    expect(evaluateC2({ run, browser: browser([], { cells: same }) }).verdict).toBe('refuted');
    const mixed = [cell('action', 0, { 1: 27, 2: 3 }), cell('route-refresh', 0, { 2: 30 })];
    expect(evaluateC2({ run, browser: browser([], { cells: mixed }) })).toMatchObject({
      verdict: 'inconclusive',
      qualifier: expect.stringMatching(/action 1 in 90%/),
    });
    expect(
      evaluateC2({
        run,
        browser: browser([], { cells: [cell('action', 0, undefined), cell('route-refresh', 0, undefined)] }),
      }).verdict,
    ).toBe('inconclusive');
    expect(evaluateC2({ run: { profile: 'quick', minLoads: 3 }, browser: browser([], { cells: exact }) }).verdict).toBe(
      'inconclusive',
    );
    expect(evaluateC2({ run }).verdict).toBe('not-measured');
  });
});

const httpCell = (variant: string, encoding: 'gzip' | 'identity', extra: Partial<HttpCell> = {}) =>
  ({
    scenario: 'counter',
    variant,
    twin: false,
    connections: 10,
    encoding,
    failed: null,
    loadGeneratorCpu: 0.1,
    loadGeneratorSaturated: false,
    busyRepeats: 0,
    perRepeat: [],
    requestBytesPerInteraction: variant === 'action' ? 700 : 500,
    responseBytesPerInteraction: variant === 'action' ? 480 : 270,
    ...extra,
  }) as HttpCell;
const ratio = (
  measure: HttpRatio['measure'],
  encoding: 'gzip' | 'identity',
  ci95: [number, number],
  kind: HttpRatio['kind'] = 'comparison',
): HttpRatio => ({
  scenario: 'counter',
  connections: 10,
  encoding,
  a: kind === 'aa' ? 'action#aa' : 'action',
  b: kind === 'aa' ? 'action' : 'route',
  kind,
  measure,
  estimate: Math.sqrt(ci95[0] * ci95[1]),
  ci95,
  ci90: [ci95[0] + (ci95[1] - ci95[0]) * 0.08, ci95[1] - (ci95[1] - ci95[0]) * 0.08],
  repeats: 5,
});
function http(gzip: [number, number], identity: [number, number], aa: [number, number] = [0.95, 1.05]): HttpResults {
  return {
    mode: 'amount',
    encodings: ['gzip', 'identity'],
    repeats: 5,
    cells: (['gzip', 'identity'] as const).flatMap((encoding) => [
      httpCell('action', encoding),
      httpCell('route', encoding),
    ]),
    ratios: [
      ratio('interactionsPerSec', 'gzip', gzip),
      ratio('interactionsPerSec', 'identity', identity),
      ratio('serverCpuMsPerInteraction', 'gzip', [1.3, 1.5]),
      ratio('serverCpuMsPerInteraction', 'identity', [0.98, 1.1]),
      ratio('interactionsPerSec', 'gzip', aa, 'aa'),
      ratio('interactionsPerSec', 'identity', aa, 'aa'),
    ],
  };
}

describe('C3', () => {
  const counter = (ci: [number, number][], rtts = [0, 60, 120]) =>
    rtts.map((rtt, i) => comparison('route', rtt, ci[i]!, { scenario: 'counter' }));

  it('is supported when the action is faster beyond noise at every RTT', () => {
    expect(
      evaluateC3({
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
    const claim = evaluateC3({
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
    const claim = evaluateC3({
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
      evaluateC3({
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
    const claim = evaluateC3({
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
    expect(evaluateC3({ run, http: http([0.55, 0.65], [0.88, 0.98]) })).toMatchObject({
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
    const claim = evaluateC3({
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
    expect(evaluateC3({ run: { profile: 'quick', minLoads: 3 }, browser: browser(rows) }).verdict).toBe('inconclusive');
  });
});

describe('C4a and C4b', () => {
  it('state the direction and depend on compression when the conditions disagree', () => {
    const input = { run, http: http([0.55, 0.65], [0.86, 1.0]) };
    const notFaster = evaluateC4a(input);
    expect(notFaster.verdict).toBe('supported');
    expect(notFaster.summary).toMatch(
      /the action's throughput is 40% lower \(action \/ route 0\.60, 95% CI 0\.55 to 0\.65\) with the browser's gzip/,
    );
    const equivalent = evaluateC4b({ run, http: http([0.55, 0.65], [0.9, 1.05]) });
    expect(equivalent.verdict).toBe('depends');
    expect(equivalent.summary).toMatch(/It depends on compression: refuted with gzip, supported with identity/);
  });

  it('are inconclusive when the CI crosses the bound, and refuted "not faster" when the action is faster', () => {
    expect(evaluateC4b({ run, http: http([0.8, 0.95], [0.8, 0.95]) }).verdict).toBe('inconclusive');
    expect(evaluateC4a({ run, http: http([1.1, 1.3], [1.1, 1.3]) }).verdict).toBe('refuted');
  });

  it('are inconclusive when the load A/A ratio excludes 1', () => {
    const claim = evaluateC4a({ run, http: http([0.55, 0.65], [0.55, 0.65], [1.02, 1.1]) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(
      /A\/A throughput ratio was not shown to be within ±5% \(1\.059, 90% CI 1\.026 to 1\.094\)/,
    );
  });

  it('are inconclusive when the load A/A ratio contains 1 but is too wide to show the instrument within ±5%', () => {
    // The old gate (CI contains 1) passed this: the noisier the run, the easier it passed.
    const claim = evaluateC4a({ run, http: http([0.55, 0.65], [0.55, 0.65], [0.9, 1.08]) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(/not shown to be within ±5%/);
  });

  it('are inconclusive when a cell drifted against its group, never warmed up, measured the generator or ran on a busy machine', () => {
    const trend = (stationary: boolean) => ({
      perStepPct: stationary ? 0.2 : 2.5,
      ci95Pct: (stationary ? [-1, 1.4] : [1.1, 3.9]) as [number, number],
      points: 8,
      stationary,
    });
    const warmup = (steady: boolean) => ({
      windowsPerSec: [500, 600],
      blocksPerSec: [400, 500, 600],
      steady,
      seconds: 9,
    });
    const window = (busy: boolean) => ({
      interactionsPerSec: 600,
      requestsPerSec: 600,
      latencyMs: { p50: 1, p90: 2, p99: 3, p99_9: 4 },
      interactionLatencyMs: { p50: 1, p90: 2, p99: 3, p99_9: 4 },
      serverCpuMsPerInteraction: 1,
      loadGeneratorCpu: 0.2,
      machine: { seconds: 1, loadAverage1: 1, busyCores: 1, foreignCores: busy ? 0.5 : 0, stealShare: 0, busy },
    });
    const sound = {
      trend: trend(true),
      warmup: warmup(true),
      loadGeneratorCpu: 0.2,
      loadGeneratorSaturated: false,
      busyRepeats: 0,
      perRepeat: [window(false), window(false), window(false)],
    };
    const withRoute = (route: Partial<HttpCell>) => {
      const results = http([0.55, 0.65], [0.55, 0.65]);
      results.cells = results.cells.map((cell) => ({
        ...cell,
        ...sound,
        ...(cell.variant === 'route' && cell.encoding === 'gzip' ? route : {}),
      }));
      return evaluateC4a({ run, http: results }).evidence.find((row) => row.encoding === 'gzip')!;
    };
    expect(withRoute({}).verdict).toBe('supported');
    expect(withRoute({ trend: trend(false) })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/route cell drifted against the cells it is compared with \(2\.5% per block/),
    });
    expect(withRoute({ warmup: warmup(false) })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/still changing after 3 warm-up blocks/),
    });
    expect(withRoute({ loadGeneratorCpu: 0.95, loadGeneratorSaturated: true })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/measured the load generator: it used 95% of its core/),
    });
    // DESIGN: more than a third of busy windows holds a row back; one of three does not.
    expect(withRoute({ busyRepeats: 1, perRepeat: [window(true), window(false), window(false)] }).verdict).toBe(
      'supported',
    );
    expect(withRoute({ busyRepeats: 2, perRepeat: [window(true), window(true), window(false)] })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/during 2 of 3 windows/),
    });
  });

  it('are not-measured without the HTTP suite', () => {
    expect(evaluateC4a({ run }).verdict).toBe('not-measured');
    expect(evaluateC4b({ run }).verdict).toBe('not-measured');
  });
});

describe('a run that measured nothing', () => {
  it('lists every claim in order, each with its source, quote and what would measure it', () => {
    const claims = evaluateClaims({ run });
    expect(claims.map((claim) => claim.id)).toEqual([
      'C1',
      'C2',
      'C3',
      'C4a',
      'C4b',
      'C5',
      'C6',
      'C7',
      'C8',
      'C9',
      'C10',
      'C11',
      'C12',
      'C13',
      'C14',
      'C15',
    ]);
    for (const claim of claims) expect(claim.verdict).toBe('not-measured');
    const c11 = claims.find((claim) => claim.id === 'C11')!;
    expect(c11).toMatchObject({
      source: 'Next.js 15+ Server Actions vs API Routes: The Ultimate 2026 Comparison (untergletscher.com, 2026)',
      quote: 'Use Promise.all inside Server Actions if you need to hit multiple services.',
      evidence: [],
    });
    expect(c11.summary).toBe('Needs the parallel scenario in the browser (--scenarios parallel).');
    // Probe claims without the probes suite say what would measure them.
    expect(claims.find((claim) => claim.id === 'C5')!.summary).toBe('Needs the probes suite (`--suite probes`).');
  });
});
