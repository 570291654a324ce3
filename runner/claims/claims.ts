import type { ChromeMode } from '../plan';
import type { BrowserResults, Cell, Claim, Comparison, HttpRatio, HttpResults, ProbeResults } from '../results/schema';
import { evaluateC10, evaluateC12, evaluateC13, evaluateC5, evaluateC6, evaluateC7, evaluateC8, evaluateC9 } from './probe-claims';
import { fitLine, tCritical, type LineFit } from '../stats/interval';
import { browserGate, httpGate, QUICK_REASON, type RunConditions } from './gating';
import { evaluateC11, evaluateC14, evaluateC15 } from './scenario-claims';
import { SEED_002, SEED_003, allOf, bandVerdict, combineDirections, combineVerdicts, directionVerdict, fmtCi, fmtMs, gatedNote, type Verdict } from './verdicts';

export { combineVerdicts } from './verdicts';

export interface ClaimInput {
  run: RunConditions;
  browser?: BrowserResults;
  http?: HttpResults;
  probes?: ProbeResults;
}


export const C1_BOUNDS_MS: [number, number] = [50, 100];
/** The "invalidation dance" C1's quote names: TanStack Query's invalidate-and-refetch, and Next's own refetch. */
export const C1_VARIANTS = ['route-query', 'route-refresh'];
/** C2: the saved round trip must grow the difference by 1 ms per ms of RTT, within this. */
export const C2_SLOPE_TOLERANCE = 0.15;
/** C4b's band: action throughput within this fraction of the route's counts as "not as different". */
export const C4_BAND = 0.15;
/** Byte counts are exact; differences within this share are "the same". */
const BYTES_PARITY = 0.02;
/** How far the C1 range search looks, ms of RTT. */
const C1_RANGE_LIMIT_MS = 400;

const modeLabel = (chrome: ChromeMode) => (chrome === 'shipped' ? 'shipped Chrome' : 'Chrome with input deferral off');
const comparisonsOf = (browser: BrowserResults | undefined, scenario: string, a: string, chrome?: ChromeMode) =>
  (browser?.comparisons ?? []).filter((c) => c.scenario === scenario && c.a === a && (chrome === undefined || c.chrome === chrome)).sort((x, y) => x.rttMs - y.rttMs);

/** A line through comparisons against RTT; each point's standard error is recovered from its reported t interval. */
function fitOf(rows: readonly Comparison[]): LineFit | null {
  const usable = rows.filter((row) => row.sampling !== 'failed' && Math.min(...row.loads) >= 2);
  if (new Set(usable.map((row) => row.rttMs)).size < 2) return null;
  return fitLine(
    usable.map((row) => ({ x: row.rttMs, y: row.diffMedianMs, standardError: (row.ci95[1] - row.ci95[0]) / 2 / tCritical(row.df) })),
    Math.min(...usable.map((row) => row.df)),
  );
}

/** The RTTs (1 ms steps) where the fit's 95% band lies inside [low, high], as contiguous ranges. */
export function rangesInside(fit: LineFit, [low, high]: readonly [number, number], limitMs = C1_RANGE_LIMIT_MS): [number, number][] {
  const ranges: [number, number][] = [];
  for (let rtt = 0; rtt <= limitMs; rtt++) {
    const [lo, hi] = fit.predict(rtt).ci95;
    if (lo < low || hi > high) continue;
    const last = ranges.at(-1);
    if (last && last[1] === rtt - 1) last[1] = rtt;
    else ranges.push([rtt, rtt]);
  }
  return ranges;
}

const describeFit = (fit: LineFit) =>
  `${fit.intercept.estimate.toFixed(1)} ms + ${fit.slope.estimate.toFixed(2)} × RTT (intercept ${fmtCi(fit.intercept.ci95)}, slope ${fmtCi(fit.slope.ci95, 2)})`;

/**
 * C1: per invalidation-dance variant, Chrome mode and RTT, the CI of (route - action) inside [50, 100] ms
 * supports the claim, wholly outside refutes it, across a bound is inconclusive; gated rows are inconclusive.
 * The headline fits the difference against RTT and says where the fit's band lies inside [50, 100].
 * route-json (one request, no invalidation) is shown beside them and does not enter the verdict.
 */
export function evaluateC1(input: ClaimInput): Claim {
  const browser = input.browser;
  const rows = [...C1_VARIANTS, 'route-json'].flatMap((variant) =>
    comparisonsOf(browser, 'revalidate', variant).map((c) => {
      const gate = browserGate(browser!, input.run, c);
      const inVerdict = C1_VARIANTS.includes(variant);
      return {
        variant,
        chrome: c.chrome,
        rttMs: c.rttMs,
        diffMs: c.diffMedianMs,
        ci95: c.ci95,
        loads: c.loads,
        role: inVerdict ? 'verdict' : 'context: a one-request route, not an invalidation dance',
        verdict: (inVerdict ? (gate ? 'inconclusive' : bandVerdict(c.ci95, C1_BOUNDS_MS)) : 'not-measured') as Verdict,
        ...(gate && inVerdict ? { reason: gate } : {}),
      };
    }),
  );
  const verdict = combineVerdicts(rows.filter((row) => row.role === 'verdict').map((row) => row.verdict));
  const fits = C1_VARIANTS.flatMap((variant) =>
    (input.browser?.chromeModes ?? []).flatMap((chrome) => {
      const fit = fitOf(comparisonsOf(browser, 'revalidate', variant, chrome));
      return fit ? [{ variant, chrome, fit, ranges: rangesInside(fit, C1_BOUNDS_MS) }] : [];
    }),
  );
  const headlines = fits.map(({ variant, chrome, fit, ranges }) => {
    const where = ranges.length ? `inside 50-100 ms for RTT ${ranges.map(([lo, hi]) => `${lo}-${hi} ms`).join(' and ')}` : 'inside 50-100 ms at no RTT';
    return `${variant} minus action in ${modeLabel(chrome)}: ${describeFit(fit)}; ${where}`;
  });
  // The fit as evidence of its own, beside the rows that decide: what the report's headline states.
  const fitRows = fits.map(({ variant, chrome, fit, ranges }) => ({
    variant,
    chrome,
    interceptMs: fit.intercept.estimate,
    interceptCi95: fit.intercept.ci95,
    slope: fit.slope.estimate,
    slopeCi95: fit.slope.ci95,
    insideBandRttMs: ranges.map(([lo, hi]) => `${lo}-${hi}`).join(', ') || 'none',
    role: 'fit against RTT, not in the verdict',
    verdict: 'not-measured' as Verdict,
  }));
  return {
    id: 'C1',
    source: SEED_002,
    quote: 'expect Server Actions to feel about 50-100ms faster than the equivalent fetch + setState + invalidateQuery dance',
    verdict,
    summary: rows.length
      ? `Invalidate-and-refetch route minus Server Action (positive: the action is faster), fitted against RTT. ${headlines.join('. ')}.${gatedNote(rows)}`
      : 'The revalidate scenario was not run in the browser.',
    evidence: [...rows, ...fitRows],
  };
}

/**
 * C2: with revalidation the action's critical path is one request shorter than route + router.refresh(), at every
 * RTT, and the difference grows by one RTT per RTT (slope CI inside 1 +- tolerance). Both must hold.
 */
export function evaluateC2(input: ClaimInput): Claim {
  const browser = input.browser;
  const cells = (browser?.cells ?? []).filter((c) => c.scenario === 'revalidate' && c.chrome === 'no-defer');
  const cell = (variant: string, rttMs: number) => cells.find((c) => c.variant === variant && c.rttMs === rttMs);
  const quick = input.run.profile === 'quick';
  const countRows = cells
    .filter((c) => c.variant === 'action')
    .flatMap((action) => {
      const refresh = cell('route-refresh', action.rttMs);
      if (!refresh) return [];
      const saved = refresh.roundTrips - action.roundTrips;
      return [{ measure: 'round trips saved (median per interaction)', rttMs: action.rttMs, action: action.roundTrips, routeRefresh: refresh.roundTrips, saved, verdict: (saved === 1 ? 'supported' : 'refuted') as Verdict }];
    });
  const fit = fitOf(comparisonsOf(browser, 'revalidate', 'route-refresh', 'no-defer'));
  const slopeRows = fit
    ? [
        {
          measure: 'slope of (route-refresh - action) against RTT',
          slope: fit.slope.estimate,
          ci95: fit.slope.ci95,
          expected: `1 ± ${C2_SLOPE_TOLERANCE}`,
          verdict: (quick ? 'inconclusive' : bandVerdict(fit.slope.ci95, [1 - C2_SLOPE_TOLERANCE, 1 + C2_SLOPE_TOLERANCE])) as Verdict,
          ...(quick ? { reason: QUICK_REASON } : {}),
        },
      ]
    : [];
  const evidence = [...countRows, ...slopeRows];
  return {
    id: 'C2',
    source: SEED_002,
    quote: 'What Server Actions do save is one round-trip',
    verdict: slopeRows.length ? allOf(evidence.map((row) => row.verdict)) : countRows.length ? 'inconclusive' : 'not-measured',
    summary: evidence.length
      ? `Critical-path requests per interaction: ${countRows.map((row) => `RTT ${row.rttMs} ms: action ${row.action}, route-refresh ${row.routeRefresh}`).join('; ')}. ${
          fit ? `The difference grows by ${fit.slope.estimate.toFixed(2)} ms per ms of RTT (${fmtCi(fit.slope.ci95, 2)}; one saved round trip means 1).` : 'The slope needs two or more RTTs.'
        }${gatedNote(evidence)}`
      : 'The revalidate scenario (action and route-refresh) was not run in the browser.',
    evidence,
  };
}

const ratioRow = (ratio: HttpRatio) => ({ estimate: ratio.estimate, ci95: ratio.ci95, repeats: ratio.repeats, connections: ratio.connections, encoding: ratio.encoding });

/**
 * C3, on equal work (the counter: one request either way, the same service call): does the action cost less per
 * request? Bytes on the wire per interaction (browser and load replay, headers included), server CPU per
 * interaction and throughput under load (ratios with CIs), and the browser latency difference at each RTT.
 * The round trip the action saves when revalidating is C2's, not overhead. Rows that show no difference beyond
 * noise do not decide; any row where the action is worse refutes, any where it is better supports.
 */
export function evaluateC3(input: ClaimInput): Claim {
  const { browser, http } = input;
  const evidence: Record<string, unknown>[] = [];
  const counterCells = (browser?.cells ?? []).filter((c) => c.scenario === 'counter' && c.chrome === 'no-defer');
  const bytesOf = (variant: string, pick: (cell: Cell) => number) => {
    const values = counterCells.filter((c) => c.variant === variant).map(pick);
    return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  };
  const quick = input.run.profile === 'quick';
  const bytesVerdict = (action: number, route: number) => ({
    verdict: (quick ? 'inconclusive' : action < route * (1 - BYTES_PARITY) ? 'supported' : action > route * (1 + BYTES_PARITY) ? 'refuted' : 'inconclusive') as Verdict,
    ...(quick ? { reason: QUICK_REASON } : {}),
  });
  const [actionBytes, routeBytes] = [bytesOf('action', (c) => c.bytesPerInteraction), bytesOf('route', (c) => c.bytesPerInteraction)];
  if (actionBytes !== null && routeBytes !== null) {
    evidence.push({
      measure: 'bytes on the wire per interaction, browser (request + response, headers included)',
      action: Math.round(actionBytes),
      route: Math.round(routeBytes),
      actionRequest: Math.round(bytesOf('action', (c) => c.requestBytesPerInteraction)!),
      routeRequest: Math.round(bytesOf('route', (c) => c.requestBytesPerInteraction)!),
      ...bytesVerdict(actionBytes, routeBytes),
    });
  }
  for (const c of comparisonsOf(browser, 'counter', 'route', 'no-defer')) {
    const gate = browserGate(browser!, input.run, c);
    evidence.push({
      measure: `browser latency, route minus action at RTT ${c.rttMs} ms`,
      diffMs: c.diffMedianMs,
      ci95: c.ci95,
      verdict: gate ? 'inconclusive' : directionVerdict(c.ci95, 0, 'above'),
      ...(gate ? { reason: gate } : {}),
    });
  }
  for (const encoding of http?.encodings ?? []) {
    for (const action of (http?.cells ?? []).filter((c) => c.scenario === 'counter' && c.variant === 'action' && !c.twin && c.encoding === encoding)) {
      const route = http!.cells.find((c) => c.scenario === 'counter' && c.variant === 'route' && c.encoding === encoding && c.connections === action.connections);
      if (!route) continue;
      const gate = httpGate(http!, input.run, { scenario: 'counter', connections: action.connections, encoding, a: 'action', b: 'route' });
      const actionBytes = action.requestBytesPerInteraction + action.responseBytesPerInteraction;
      const routeBytes = route.requestBytesPerInteraction + route.responseBytesPerInteraction;
      evidence.push({ measure: `bytes per interaction under load, ${encoding}`, action: Math.round(actionBytes), route: Math.round(routeBytes), ...bytesVerdict(actionBytes, routeBytes) });
      for (const [measure, better, label] of [
        ['serverCpuMsPerInteraction', 'below', 'server CPU per interaction, action / route'],
        ['interactionsPerSec', 'above', 'throughput, action / route'],
      ] as const) {
        const ratio = http!.ratios.find((r) => r.kind === 'comparison' && r.scenario === 'counter' && r.a === 'action' && r.b === 'route' && r.encoding === encoding && r.connections === action.connections && r.measure === measure);
        if (!ratio) continue;
        evidence.push({ measure: `${label} (${encoding}, ${action.connections} connections)`, ...ratioRow(ratio), verdict: gate ? 'inconclusive' : directionVerdict(ratio.ci95, 1, better), ...(gate ? { reason: gate } : {}) });
      }
    }
  }
  const verdicts = evidence.map((row) => row.verdict as Verdict);
  const worse = evidence.filter((row) => row.verdict === 'refuted').map((row) => row.measure);
  const better = evidence.filter((row) => row.verdict === 'supported').map((row) => row.measure);
  return {
    id: 'C3',
    source: SEED_003,
    quote: 'By removing HTTP overhead and enabling more direct server-client coordination, Server Actions can reduce latency',
    verdict: combineDirections(verdicts),
    summary: evidence.length
      ? `Equal work (the counter), action against route. Action worse beyond noise: ${worse.join('; ') || 'none'}. Action better beyond noise: ${better.join('; ') || 'none'}. Other rows showed no difference or were held back.${gatedNote(evidence)}`
      : 'Needs the counter scenario in the browser or under HTTP load.',
    evidence,
  };
}

/** The counter's action / route throughput ratios under load, per encoding and connections. */
function c4Rows(input: ClaimInput) {
  const http = input.http;
  return (http?.ratios ?? [])
    .filter((r) => r.kind === 'comparison' && r.scenario === 'counter' && r.a === 'action' && r.b === 'route' && r.measure === 'interactionsPerSec')
    .map((ratio) => ({ ratio, gate: httpGate(http!, input.run, ratio) }));
}

const direction = (ratio: HttpRatio) =>
  `the action's throughput is ${Math.abs((1 - ratio.estimate) * 100).toFixed(0)}% ${ratio.estimate < 1 ? 'lower' : 'higher'} (action / route ${ratio.estimate.toFixed(2)}, 95% ${fmtCi(ratio.ci95, 2)}) with ${ratio.encoding === 'gzip' ? "the browser's gzip" : 'no compression'} at ${ratio.connections} connections`;

const byEncoding = (verdicts: { verdict: Verdict; encoding: string }[]) => {
  const verdict = combineVerdicts(verdicts.map((row) => row.verdict));
  if (verdict !== 'depends') return '';
  return ` It depends on compression: ${verdicts.map((row) => `${row.verdict} with ${row.encoding}`).join(', ')}.`;
};

/** C4a, one-sided: "actions are not faster" holds when the upper one-sided 95% bound of action / route is below 1. */
export function evaluateC4a(input: ClaimInput): Claim {
  const rows = c4Rows(input).map(({ ratio, gate }) => ({
    test: 'not faster (one-sided 95%)',
    ...ratioRow(ratio),
    upperBound95: ratio.ci90[1],
    verdict: (gate ? 'inconclusive' : ratio.ci90[1] < 1 ? 'supported' : ratio.ci90[0] > 1 ? 'refuted' : 'inconclusive') as Verdict,
    ...(gate ? { reason: gate } : {}),
  }));
  return {
    id: 'C4a',
    source: SEED_002,
    quote: 'Performance: not as different as people think ... A common misconception is that Server Actions are "faster than API routes."',
    verdict: combineVerdicts(rows.map((row) => row.verdict)),
    summary: rows.length
      ? `Counter under load: ${c4Rows(input).map(({ ratio }) => direction(ratio)).join('; ')}.${byEncoding(rows)}${gatedNote(rows)}`
      : 'Needs the HTTP suite with the counter scenario.',
    evidence: rows,
  };
}

/** C4b, equivalence: both one-sided 95% bounds of action / route inside 1 +- 15% supports; the 95% CI wholly outside refutes. */
export function evaluateC4b(input: ClaimInput): Claim {
  const band: [number, number] = [1 - C4_BAND, 1 + C4_BAND];
  const rows = c4Rows(input).map(({ ratio, gate }) => {
    const equivalent = ratio.ci90[0] >= band[0] && ratio.ci90[1] <= band[1];
    const different = ratio.ci95[1] < band[0] || ratio.ci95[0] > band[1];
    return {
      test: `within ±${C4_BAND * 100}% (equivalence, 90% CI inside the band)`,
      ...ratioRow(ratio),
      ci90: ratio.ci90,
      verdict: (gate ? 'inconclusive' : equivalent ? 'supported' : different ? 'refuted' : 'inconclusive') as Verdict,
      ...(gate ? { reason: gate } : {}),
    };
  });
  return {
    id: 'C4b',
    source: SEED_002,
    quote: 'Performance: not as different as people think',
    verdict: combineVerdicts(rows.map((row) => row.verdict)),
    summary: rows.length
      ? `Counter under load, action / route throughput against ${band[0]}..${band[1]}: ${c4Rows(input).map(({ ratio }) => direction(ratio)).join('; ')}.${byEncoding(rows)}${gatedNote(rows)}`
      : 'Needs the HTTP suite with the counter scenario.',
    evidence: rows,
  };
}

/** Every claim of DESIGN's table, in its order; a claim whose suite or scenario did not run is `not-measured`, saying what would measure it. */
export function evaluateClaims(input: ClaimInput): Claim[] {
  return [
    evaluateC1(input), evaluateC2(input), evaluateC3(input), evaluateC4a(input), evaluateC4b(input), evaluateC5(input.probes), evaluateC6(input.probes), evaluateC7(input.probes),
    evaluateC8(input.probes), evaluateC9(input.probes), evaluateC10(input.probes), evaluateC11(input), evaluateC12(input.probes), evaluateC13(input.probes), evaluateC14(input), evaluateC15(input),
  ];
}
