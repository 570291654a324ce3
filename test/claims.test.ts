import { describe, expect, it } from 'vitest';
import { C1_BOUNDS_MS, evaluateC1, evaluateC2, evaluateC3, evaluateC4a, evaluateC4b, evaluateClaims, rangesInside } from '../runner/claims/claims';
import { bandVerdict, combineDirections, combineVerdicts, directionVerdict } from '../runner/claims/verdicts';
import type { AaResult, Accuracy, BrowserResults, Cell, Comparison, HttpCell, HttpRatio, HttpResults } from '../runner/results/schema';
import { fitLine } from '../runner/stats/interval';

const run = { profile: 'standard', minLoads: 8 };

const comparison = (a: string, rttMs: number, ci95: [number, number], extra: Partial<Comparison> = {}): Comparison => ({
  scenario: 'revalidate', rttMs, chrome: 'no-defer', a, b: 'action', diffMedianMs: (ci95[0] + ci95[1]) / 2, ci95, df: 9, n: [30, 30], loads: [10, 10], sampling: 'precision', ...extra,
});
const aaRow = (rttMs: number, ci95: [number, number], scenario = 'revalidate'): AaResult => ({
  scenario, rttMs, chrome: 'no-defer', variant: 'action', diffMedianMs: (ci95[0] + ci95[1]) / 2, ci95, df: 9, n: [30, 30], loads: [10, 10], sampling: 'precision',
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

function browser(comparisons: Comparison[], options: { aa?: AaResult[]; accuracy?: Partial<Accuracy>[]; cells?: Partial<Cell>[] } = {}): BrowserResults {
  const rtts = [...new Set(comparisons.map((c) => c.rttMs))];
  return {
    rttEmulation: 'proxy', chromeModes: ['no-defer'], wallSeconds: 1, groups: [], rounds: [],
    cells: (options.cells ?? []) as Cell[],
    comparisons,
    aa: options.aa ?? [...new Set(comparisons.map((c) => c.scenario))].flatMap((scenario) => rtts.map((rtt) => aaRow(rtt, [-1, 1], scenario))),
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
  const dance = (rtt: number, ci: [number, number]) => [comparison('route-query', rtt, ci), comparison('route-refresh', rtt, ci)];

  it('is supported only when every invalidation-dance row lies inside [50, 100] ms', () => {
    expect(evaluateC1({ run, browser: browser(dance(75, [70, 80])) }).verdict).toBe('supported');
  });

  it('depends when rows fall inside at some RTTs and outside at others, and says where from the fit', () => {
    const claim = evaluateC1({ run, browser: browser([...dance(0, [4, 8]), ...dance(30, [33, 39]), ...dance(75, [78, 84]), ...dance(120, [123, 129])]) });
    expect(claim.verdict).toBe('depends');
    expect(claim.summary).toMatch(/route-query minus action .*: 6\.0 ms \+ 1\.00 × RTT .*inside 50-100 ms for RTT \d+-\d+ ms/);
  });

  it('is inconclusive when a CI straddles a bound and nothing is decisive either way', () => {
    expect(evaluateC1({ run, browser: browser(dance(50, [45, 60])) }).verdict).toBe('inconclusive');
  });

  it('leaves route-json out of the verdict: it is not an invalidation dance', () => {
    const claim = evaluateC1({ run, browser: browser([...dance(75, [70, 80]), comparison('route-json', 75, [-3, 2])]) });
    expect(claim.verdict).toBe('supported');
    expect(claim.evidence.find((row) => row.variant === 'route-json')).toMatchObject({ verdict: 'not-measured' });
  });

  it.each([
    ['a failing A/A control', { aa: [aaRow(75, [0.5, 3])] }, {}, /A\/A control at this RTT excluded 0/],
    ['an accuracy row that missed its known answer', { accuracy: [missed('route-query', [60, 69])] }, {}, /accuracy check failed at this RTT \(route-query off by -9\.0 ms, CI -15\.0 to -6\.0, tolerance ±5\)/],
    ['a budget-stopped group', {}, { sampling: 'budget' as const }, /time budget/],
    ['an arm that failed', {}, { sampling: 'failed' as const }, /arm of this comparison failed/],
    ['too few page loads', {}, { loads: [5, 5] as [number, number] }, /5 page loads, below n_min's 8/],
  ])('turns a row that would be supported inconclusive for %s, naming the reason', (_name, options, extra, reason) => {
    const claim = evaluateC1({ run, browser: browser([comparison('route-query', 75, [70, 80], extra)], options) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(reason);
    expect(claim.summary).toMatch(reason);
  });

  it("keeps the verdict of a row capped at n_max, and of a row whose scenario has another variant's accuracy failing", () => {
    expect(evaluateC1({ run, browser: browser([comparison('route-query', 75, [70, 80], { sampling: 'n-max' })]) }).verdict).toBe('supported');
    const otherVariant = { accuracy: [missed('route-json', [55, 70])] };
    expect(evaluateC1({ run, browser: browser([comparison('route-query', 75, [70, 80])], otherVariant) }).verdict).toBe('supported');
  });

  it('keeps the verdict when a point error past the tolerance has a CI that still reaches the band (noise, not a miss)', () => {
    const noisy = { accuracy: [missed('route-query', [50, 82])] };
    expect(evaluateC1({ run, browser: browser([comparison('route-query', 75, [70, 80])], noisy) }).verdict).toBe('supported');
    // The band's edge: a CI ending exactly at expected - tolerance reaches it.
    expect(evaluateC1({ run, browser: browser([comparison('route-query', 75, [70, 80])], { accuracy: [missed('route-query', [55, 70])] }) }).verdict).toBe('supported');
    expect(evaluateC1({ run, browser: browser([comparison('route-query', 75, [70, 80])], { accuracy: [missed('route-query', [55, 69.9])] }) }).verdict).toBe('inconclusive');
  });

  it('gives no verdict from the quick profile', () => {
    expect(evaluateC1({ run: { profile: 'quick', minLoads: 3 }, browser: browser(dance(75, [70, 80])) }).verdict).toBe('inconclusive');
  });

  it('is not-measured without the revalidate scenario', () => {
    expect(evaluateC1({ run }).verdict).toBe('not-measured');
  });

  it('finds the RTT range where the fitted band lies inside the bounds', () => {
    const fit = fitLine([0, 30, 75, 120].map((x) => ({ x, y: 5 + x, standardError: 1 })), 100);
    const [[from, to]] = rangesInside(fit, C1_BOUNDS_MS) as [[number, number]];
    expect(from).toBeGreaterThan(45);
    expect(from).toBeLessThan(48);
    expect(to).toBeGreaterThan(92);
    expect(to).toBeLessThan(95);
  });
});

describe('C2', () => {
  const cell = (variant: string, rttMs: number, roundTrips: number) => ({ scenario: 'revalidate', variant, rttMs, roundTrips, chrome: 'no-defer' }) as Cell;
  const cells = [cell('action', 0, 1), cell('route-refresh', 0, 2), cell('action', 60, 1), cell('route-refresh', 60, 2)];

  it('is supported when the action saves one request at every RTT and the difference grows 1 ms per ms of RTT', () => {
    const claim = evaluateC2({ run, browser: browser([comparison('route-refresh', 0, [6, 8]), comparison('route-refresh', 60, [66, 68])], { cells }) });
    expect(claim.verdict).toBe('supported');
    expect(claim.summary).toMatch(/grows by 1\.00 ms per ms of RTT/);
  });

  it('is refuted by a slope far from 1 and inconclusive with one RTT', () => {
    expect(evaluateC2({ run, browser: browser([comparison('route-refresh', 0, [6, 8]), comparison('route-refresh', 60, [36, 38])], { cells }) }).verdict).toBe('refuted');
    expect(evaluateC2({ run, browser: browser([comparison('route-refresh', 0, [6, 8])], { cells: cells.slice(0, 2) }) }).verdict).toBe('inconclusive');
    expect(evaluateC2({ run }).verdict).toBe('not-measured');
  });
});

const httpCell = (variant: string, encoding: 'gzip' | 'identity', extra: Partial<HttpCell> = {}) =>
  ({ scenario: 'counter', variant, twin: false, connections: 10, encoding, failed: null, loadGeneratorCpu: 0.1, loadGeneratorSaturated: false, busyRepeats: 0, perRepeat: [], requestBytesPerInteraction: variant === 'action' ? 700 : 500, responseBytesPerInteraction: variant === 'action' ? 480 : 270, ...extra }) as HttpCell;
const ratio = (measure: HttpRatio['measure'], encoding: 'gzip' | 'identity', ci95: [number, number], kind: HttpRatio['kind'] = 'comparison'): HttpRatio => ({
  scenario: 'counter', connections: 10, encoding, a: kind === 'aa' ? 'action#aa' : 'action', b: kind === 'aa' ? 'action' : 'route', kind, measure,
  estimate: Math.sqrt(ci95[0] * ci95[1]), ci95, ci90: [ci95[0] + (ci95[1] - ci95[0]) * 0.08, ci95[1] - (ci95[1] - ci95[0]) * 0.08], repeats: 5,
});
function http(gzip: [number, number], identity: [number, number], aa: [number, number] = [0.95, 1.05]): HttpResults {
  return {
    mode: 'amount', encodings: ['gzip', 'identity'], repeats: 5,
    cells: (['gzip', 'identity'] as const).flatMap((encoding) => [httpCell('action', encoding), httpCell('route', encoding)]),
    ratios: [
      ratio('interactionsPerSec', 'gzip', gzip), ratio('interactionsPerSec', 'identity', identity),
      ratio('serverCpuMsPerInteraction', 'gzip', [1.3, 1.5]), ratio('serverCpuMsPerInteraction', 'identity', [0.98, 1.1]),
      ratio('interactionsPerSec', 'gzip', aa, 'aa'), ratio('interactionsPerSec', 'identity', aa, 'aa'),
    ],
  };
}

describe('C3', () => {
  it('is refuted when the action costs more on equal work and better on nothing', () => {
    const claim = evaluateC3({ run, http: http([0.55, 0.65], [0.88, 0.98]), browser: browser([comparison('route', 0, [-4, -2], { scenario: 'counter' })]) });
    expect(claim.verdict).toBe('refuted');
    expect(claim.summary).toMatch(/Action worse beyond noise: .*bytes per interaction under load, gzip/);
  });

  it('depends when the action is better on one measure and worse on another', () => {
    const claim = evaluateC3({ run, http: http([1.05, 1.2], [0.88, 0.98]) });
    expect(claim.verdict).toBe('depends');
  });

  it('keeps gated rows out of the decision and is inconclusive when nothing is definite', () => {
    const claim = evaluateC3({ run: { profile: 'quick', minLoads: 3 }, http: http([0.55, 0.65], [0.88, 0.98]) });
    expect(claim.verdict).toBe('inconclusive');
  });
});

describe('C4a and C4b', () => {
  it('state the direction and depend on compression when the conditions disagree', () => {
    const input = { run, http: http([0.55, 0.65], [0.86, 1.0]) };
    const notFaster = evaluateC4a(input);
    expect(notFaster.verdict).toBe('supported');
    expect(notFaster.summary).toMatch(/the action's throughput is 40% lower \(action \/ route 0\.60, 95% CI 0\.55 to 0\.65\) with the browser's gzip/);
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
    expect(String(claim.evidence[0]!.reason)).toMatch(/A\/A throughput ratio was not shown to be within ±5% \(1\.059, 90% CI 1\.026 to 1\.094\)/);
  });

  it('are inconclusive when the load A/A ratio contains 1 but is too wide to show the instrument within ±5%', () => {
    // The old gate (CI contains 1) passed this: the noisier the run, the easier it passed.
    const claim = evaluateC4a({ run, http: http([0.55, 0.65], [0.55, 0.65], [0.9, 1.08]) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(/not shown to be within ±5%/);
  });

  it('are inconclusive when a cell drifted against its group, never warmed up, measured the generator or ran on a busy machine', () => {
    const trend = (stationary: boolean) => ({ perStepPct: stationary ? 0.2 : 2.5, ci95Pct: (stationary ? [-1, 1.4] : [1.1, 3.9]) as [number, number], points: 8, stationary });
    const warmup = (steady: boolean) => ({ windowsPerSec: [500, 600], blocksPerSec: [400, 500, 600], steady, seconds: 9 });
    const window = (busy: boolean) => ({ interactionsPerSec: 600, requestsPerSec: 600, latencyMs: { p50: 1, p90: 2, p99: 3, p99_9: 4 }, interactionLatencyMs: { p50: 1, p90: 2, p99: 3, p99_9: 4 }, serverCpuMsPerInteraction: 1, loadGeneratorCpu: 0.2, machine: { seconds: 1, loadAverage1: 1, busyCores: 1, foreignCores: busy ? 0.5 : 0, stealShare: 0, busy } });
    const sound = { trend: trend(true), warmup: warmup(true), loadGeneratorCpu: 0.2, loadGeneratorSaturated: false, busyRepeats: 0, perRepeat: [window(false), window(false), window(false)] };
    const withRoute = (route: Partial<HttpCell>) => {
      const results = http([0.55, 0.65], [0.55, 0.65]);
      results.cells = results.cells.map((cell) => ({ ...cell, ...sound, ...(cell.variant === 'route' && cell.encoding === 'gzip' ? route : {}) }));
      return evaluateC4a({ run, http: results }).evidence.find((row) => row.encoding === 'gzip')!;
    };
    expect(withRoute({}).verdict).toBe('supported');
    expect(withRoute({ trend: trend(false) })).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/route cell drifted against the cells it is compared with \(2\.5% per block/) });
    expect(withRoute({ warmup: warmup(false) })).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/still changing after 3 warm-up blocks/) });
    expect(withRoute({ loadGeneratorCpu: 0.95, loadGeneratorSaturated: true })).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/measured the load generator: it used 95% of its core/) });
    // DESIGN: more than a third of busy windows holds a row back; one of three does not.
    expect(withRoute({ busyRepeats: 1, perRepeat: [window(true), window(false), window(false)] }).verdict).toBe('supported');
    expect(withRoute({ busyRepeats: 2, perRepeat: [window(true), window(true), window(false)] })).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/during 2 of 3 windows/) });
  });

  it('are not-measured without the HTTP suite', () => {
    expect(evaluateC4a({ run }).verdict).toBe('not-measured');
    expect(evaluateC4b({ run }).verdict).toBe('not-measured');
  });
});

describe('a run that measured nothing', () => {
  it('lists every claim in order, each with its source, quote and what would measure it', () => {
    const claims = evaluateClaims({ run });
    expect(claims.map((claim) => claim.id)).toEqual(['C1', 'C2', 'C3', 'C4a', 'C4b', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13', 'C14', 'C15']);
    for (const claim of claims) expect(claim.verdict).toBe('not-measured');
    const c11 = claims.find((claim) => claim.id === 'C11')!;
    expect(c11).toMatchObject({ source: 'seeds/000_4d69c6b39f0753f9.txt', quote: 'Use Promise.all inside Server Actions if you need to hit multiple services.', evidence: [] });
    expect(c11.summary).toBe('Needs the parallel scenario in the browser (--scenarios parallel).');
    // Probe claims without the probes suite say what would measure them.
    expect(claims.find((claim) => claim.id === 'C5')!.summary).toBe('Needs the probes suite (`--suite probes`).');
  });
});
