import type { BrowserResults, Claim, Comparison } from '../results/schema';
import { ACCURACY_TOLERANCE_MS } from '../stats/summarize';
import { browserGate, cellGate, type RunConditions } from './gating';
import {
  allOf,
  bandVerdict,
  combineDirections,
  directionVerdict,
  fmtCi,
  fmtMs,
  gatedNote,
  SEED_000,
  SEED_002,
  type Verdict,
} from './verdicts';

/** One frame at 60 Hz: C14's "instant" is the optimistic state painting within the frame after the click is handled. */
export const FRAME_MS = 1000 / 60;

interface ScenarioClaimInput {
  run: RunConditions;
  browser?: BrowserResults;
}

/** Comparisons of a scenario in the reference Chrome mode (input deferral off), by RTT. */
const referenceComparisons = (browser: BrowserResults | undefined, scenario: string): Comparison[] =>
  (browser?.comparisons ?? [])
    .filter((c) => c.scenario === scenario && c.chrome === 'no-defer')
    .sort((x, y) => x.rttMs - y.rttMs);

const gated = (reason: string | null) => (reason ? { reason } : {});

/**
 * C11: Promise.all over five actions called from the client. Next's client sends actions one at a time, so the
 * requests form a chain (each starting after the previous answered) where five fetches overlap: the action's chain
 * length per RTT (exact, like C2's counts) and route minus action with its interval (positive: the action is
 * faster). A chain of 1 or an action beyond noise faster supports; a longer chain or a slower action refutes.
 */
export function evaluateC11(input: ScenarioClaimInput): Claim {
  const { browser } = input;
  const cells = (browser?.cells ?? [])
    .filter((c) => c.scenario === 'parallel' && c.chrome === 'no-defer')
    .sort((x, y) => x.rttMs - y.rttMs);
  const chainRows = cells
    .filter((cell) => cell.variant === 'action')
    .map((action) => {
      const route = cells.find((cell) => cell.variant === 'route' && cell.rttMs === action.rttMs);
      return {
        measure: 'requests in a chain (median per interaction; 1: all five overlapped, 5: one at a time)',
        rttMs: action.rttMs,
        action: action.roundTrips,
        route: route?.roundTrips ?? null,
        verdict: (action.roundTrips === 1 ? 'supported' : 'refuted') as Verdict,
      };
    });
  const timeRows = referenceComparisons(browser, 'parallel').map((c) => {
    const gate = browserGate(browser!, input.run, c);
    return {
      measure: `time until all five show, route minus action at RTT ${c.rttMs} ms`,
      rttMs: c.rttMs,
      diffMs: c.diffMedianMs,
      ci95: c.ci95,
      verdict: (gate ? 'inconclusive' : directionVerdict(c.ci95, 0, 'above')) as Verdict,
      ...gated(gate),
    };
  });
  const evidence = [...chainRows, ...timeRows];
  const chains = chainRows
    .map((row) => `RTT ${row.rttMs} ms: action ${row.action}, route ${row.route ?? '–'}`)
    .join('; ');
  const times = timeRows.map((row) => `${fmtMs(row.diffMs)} at RTT ${row.rttMs} ms (${fmtCi(row.ci95)})`).join(', ');
  return {
    id: 'C11',
    source: SEED_000,
    quote: 'Use Promise.all inside Server Actions if you need to hit multiple services.',
    verdict: combineDirections(evidence.map((row) => row.verdict)),
    summary: evidence.length
      ? `Five mutations started at once with Promise.all from the client. Requests in a chain: ${chains}. Route minus action: ${times || 'no interval (fewer than 2 page loads)'}. Inside one action Promise.all is server-side JavaScript and overlaps as anywhere; what this measures is the client, which sends actions one at a time.${gatedNote(timeRows)}`
      : 'Needs the parallel scenario in the browser (--scenarios parallel).',
    evidence,
  };
}

/**
 * C14: useOptimistic with an action paints the new state "instantly": from the click listener to the optimistic
 * state within one frame (the interval of page-load medians at or below FRAME_MS supports, wholly above refutes),
 * and not waiting on the network: its rise from RTT 0 to each RTT inside ±ACCURACY_TOLERANCE_MS (the accuracy
 * panel's mark rows). Both must hold. The route's hand-written optimistic state is shown beside it.
 */
export function evaluateC14(input: ScenarioClaimInput): Claim {
  const { browser } = input;
  const cells = (browser?.cells ?? [])
    .filter((c) => c.scenario === 'optimistic' && c.chrome === 'no-defer')
    .sort((x, y) => x.rttMs - y.rttMs || x.variant.localeCompare(y.variant));
  const paintRows = cells.flatMap((cell) => {
    const paint = cell.marks.find((mark) => mark.name === 'optimistic')?.afterInputDelayMs;
    if (!paint) return [];
    const inVerdict = cell.variant === 'action';
    const gate = inVerdict ? cellGate(browser!, input.run, cell) : null;
    const [lo, hi] = paint.ci95;
    const verdict: Verdict = !inVerdict
      ? 'not-measured'
      : gate
        ? 'inconclusive'
        : hi <= FRAME_MS
          ? 'supported'
          : lo > FRAME_MS
            ? 'refuted'
            : 'inconclusive';
    return [
      {
        measure: `optimistic paint after the input delay (one frame: ${FRAME_MS.toFixed(1)} ms)`,
        metric: 'paint',
        variant: cell.variant,
        rttMs: cell.rttMs,
        ms: paint.estimate,
        ci95: paint.ci95,
        role: inVerdict ? 'verdict' : 'context: optimistic state set by hand before the fetch',
        verdict,
        ...gated(gate),
      },
    ];
  });
  const riseRows = (browser?.accuracy ?? [])
    .filter((row) => row.scenario === 'optimistic' && row.mark === 'optimistic' && row.reference)
    .sort((x, y) => x.rttMs - y.rttMs || x.variant.localeCompare(y.variant))
    .map((row) => {
      const inVerdict = row.variant === 'action';
      const loads = (rttMs: number) =>
        cells.find((cell) => cell.variant === row.variant && cell.rttMs === rttMs)?.loads ?? 0;
      const gate = inVerdict
        ? (cellGate(browser!, input.run, {
            scenario: row.scenario,
            rttMs: row.rttMs,
            chrome: row.chrome,
            loads: loads(row.rttMs),
          }) ??
          cellGate(browser!, input.run, { scenario: row.scenario, rttMs: 0, chrome: row.chrome, loads: loads(0) }))
        : null;
      const verdict: Verdict = !inVerdict
        ? 'not-measured'
        : gate
          ? 'inconclusive'
          : bandVerdict(row.ci95, [-ACCURACY_TOLERANCE_MS, ACCURACY_TOLERANCE_MS]);
      return {
        measure: `optimistic paint's rise from RTT 0 (independent of RTT: within ±${ACCURACY_TOLERANCE_MS} ms)`,
        metric: 'rise',
        variant: row.variant,
        rttMs: row.rttMs,
        ms: row.measuredIncreaseMs,
        ci95: row.ci95,
        role: inVerdict ? 'verdict' : 'context: optimistic state set by hand before the fetch',
        verdict,
        ...gated(gate),
      };
    });
  const evidence = [...paintRows, ...riseRows];
  const decisive = evidence.filter((row) => row.role === 'verdict');
  const describe = (rows: typeof evidence) =>
    rows
      .filter((row) => row.role === 'verdict')
      .map((row) => `${fmtMs(row.ms)} at RTT ${row.rttMs} ms (${fmtCi(row.ci95)})`)
      .join(', ');
  return {
    id: 'C14',
    source: SEED_002,
    quote: 'useOptimistic hook plus an action gives you Twitter-style instant UX in a few lines.',
    verdict: decisive.length ? allOf(decisive.map((row) => row.verdict)) : 'not-measured',
    summary: decisive.length
      ? `useOptimistic with the action: the toggled like paints ${describe(paintRows) || '(no interval)'} after the click is handled, against one frame (${FRAME_MS.toFixed(1)} ms); its rise with RTT: ${describe(riseRows) || 'needs RTT 0 and another RTT'}, against ±${ACCURACY_TOLERANCE_MS} ms.${gatedNote(decisive)}`
      : 'Needs the optimistic scenario in the browser (--scenarios optimistic), with 2 or more page loads per cell.',
    evidence,
  };
}

/**
 * C15: large files and streaming fit Route Handlers better. export (a 21 MB CSV): route minus action in total time,
 * first byte and the server's memory rise per interaction, each by its page-load interval (below 0: the route is
 * better); payload: the 900 KB upload's time, and whether each transport takes 2 MB with its default settings
 * (exact: the action's default 1 MB body limit refuses it with HTTP 500). Definite rows decide, as in C3.
 */
export function evaluateC15(input: ScenarioClaimInput): Claim {
  const { browser } = input;
  const evidence: Record<string, unknown>[] = [];
  const verdicts: Verdict[] = [];
  const push = (row: Record<string, unknown> & { verdict: Verdict }) => {
    evidence.push(row);
    verdicts.push(row.verdict);
  };
  for (const c of referenceComparisons(browser, 'export')) {
    const gate = browserGate(browser!, input.run, c);
    const measures = [
      { measure: 'total time (to the saved file)', estimate: { estimate: c.diffMedianMs, ci95: c.ci95 }, unit: 'ms' },
      { measure: 'first response byte', estimate: c.firstByteDiffMs, unit: 'ms' },
      { measure: "server's RSS rise during the export", estimate: c.serverRssRiseDiffMb, unit: 'MB' },
    ];
    for (const { measure, estimate, unit } of measures) {
      if (!estimate) continue;
      push({
        measure: `export, ${measure}, route minus action at RTT ${c.rttMs} ms`,
        diff: estimate.estimate,
        unit,
        ci95: estimate.ci95,
        verdict: gate ? 'inconclusive' : directionVerdict(estimate.ci95, 0, 'below'),
        ...gated(gate),
      });
    }
  }
  for (const c of referenceComparisons(browser, 'payload-900kb')) {
    const gate = browserGate(browser!, input.run, c);
    push({
      measure: `payload 900 KB upload time, route minus action at RTT ${c.rttMs} ms`,
      diff: c.diffMedianMs,
      unit: 'ms',
      ci95: c.ci95,
      verdict: gate ? 'inconclusive' : directionVerdict(c.ci95, 0, 'below'),
      ...gated(gate),
    });
  }
  const twoMb = (variant: string) =>
    (browser?.cells ?? []).find(
      (cell) => cell.scenario === 'payload-2mb' && cell.variant === variant && cell.chrome === 'no-defer',
    );
  const [action, route] = [twoMb('action'), twoMb('route')];
  const statusOf = (cell: typeof action) =>
    cell?.medianInteraction?.requests.find((request) => request.method === 'POST')?.status ?? null;
  if (action && route && statusOf(action) !== null && statusOf(route) !== null) {
    const [actionRefused, routeRefused] = [statusOf(action)! >= 400, statusOf(route)! >= 400];
    push({
      measure: 'payload 2 MB upload with default settings (exact)',
      action: `${statusOf(action)}${actionRefused ? ' refused' : ' saved'}`,
      route: `${statusOf(route)}${routeRefused ? ' refused' : ' saved'}`,
      verdict: actionRefused === routeRefused ? 'inconclusive' : actionRefused ? 'supported' : 'refuted',
    });
  }
  const better = evidence.filter((row) => row.verdict === 'supported').map((row) => row.measure);
  const worse = evidence.filter((row) => row.verdict === 'refuted').map((row) => row.measure);
  return {
    id: 'C15',
    source: SEED_002,
    quote:
      'Long-running streaming responses : server-sent events, file downloads, large CSV exports. Streaming HTTP responses is more idiomatic.',
    verdict: combineDirections(verdicts),
    summary: evidence.length
      ? `A 21 MB CSV export (route: a streamed Response; action: the returned string) and uploads up to 2 MB. Route better beyond noise: ${better.join('; ') || 'none'}. Route worse beyond noise: ${worse.join('; ') || 'none'}. Other rows showed no difference or were held back.${gatedNote(evidence)}`
      : 'Needs the export and payload scenarios in the browser (--scenarios export,payload).',
    evidence,
  };
}
