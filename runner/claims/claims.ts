import type { BrowserResults, Cell, Claim, Comparison, HttpResults } from '../results/schema';

type Verdict = Claim['verdict'];

const fmt = (ms: number) => `${ms >= 0 ? '+' : ''}${ms.toFixed(1)}`;
const where = (variant: string, rttMs: number) => `${variant} at RTT ${rttMs} ms`;

/** Combines per-condition verdicts: unanimous -> that verdict; supported and refuted both -> depends. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'not-measured';
  const has = (verdict: Verdict) => verdicts.includes(verdict);
  if (has('supported') && has('refuted')) return 'depends';
  if (verdicts.every((verdict) => verdict === 'supported')) return 'supported';
  if (verdicts.every((verdict) => verdict === 'refuted')) return 'refuted';
  return 'inconclusive';
}

export const C1_BOUNDS_MS: [number, number] = [50, 100];

/**
 * C1: per route variant and RTT, the CI of (route - action) inside [50, 100] ms supports the claim, a CI
 * wholly outside refutes it, a CI across a bound is inconclusive.
 */
export function evaluateC1(comparisons: readonly Comparison[]): Claim {
  const [low, high] = C1_BOUNDS_MS;
  const evidence = comparisons
    .filter((comparison) => comparison.scenario === 'revalidate')
    .map((comparison) => {
      const [lo, hi] = comparison.ci95;
      const verdict: Verdict = lo >= low && hi <= high ? 'supported' : hi < low || lo > high ? 'refuted' : 'inconclusive';
      return { variant: comparison.a, rttMs: comparison.rttMs, diffMedianMs: comparison.diffMedianMs, ci95: comparison.ci95, n: comparison.n, verdict };
    });
  const verdict = combineVerdicts(evidence.map((row) => row.verdict));
  const list = (wanted: Verdict) =>
    evidence
      .filter((row) => row.verdict === wanted)
      .map((row) => `${where(row.variant, row.rttMs)} (${fmt(row.diffMedianMs)} ms, CI ${row.ci95.map((x) => x.toFixed(1)).join('..')})`);
  const parts = [
    list('supported').length ? `inside [${low}, ${high}] ms: ${list('supported').join('; ')}` : '',
    list('refuted').length ? `outside: ${list('refuted').join('; ')}` : '',
    list('inconclusive').length ? `CI across a bound: ${list('inconclusive').join('; ')}` : '',
  ].filter(Boolean);
  return {
    id: 'C1',
    source: 'seeds/002_7dd42d0cb4a081f2.txt',
    quote: 'expect Server Actions to feel about 50-100ms faster than the equivalent fetch + setState + invalidateQuery dance',
    verdict,
    summary: evidence.length
      ? `Route variant minus Server Action, difference of medians with 95% CI. ${parts.join('. ')}.`
      : 'The revalidate scenario was not run.',
    evidence,
  };
}

/** C2: with revalidation, the action's critical path has one round trip fewer than route + router.refresh(). */
export function evaluateC2(cells: readonly Cell[]): Claim {
  const cell = (variant: string, rttMs: number) =>
    cells.find((c) => c.scenario === 'revalidate' && c.variant === variant && c.rttMs === rttMs);
  const evidence = cells
    .filter((c) => c.scenario === 'revalidate' && c.variant === 'action')
    .flatMap((action) => {
      const refresh = cell('route-refresh', action.rttMs);
      if (!refresh) return [];
      const saved = refresh.roundTrips - action.roundTrips;
      return [{ rttMs: action.rttMs, actionRoundTrips: action.roundTrips, routeRefreshRoundTrips: refresh.roundTrips, saved, verdict: (saved === 1 ? 'supported' : 'refuted') as Verdict }];
    });
  return {
    id: 'C2',
    source: 'seeds/002_7dd42d0cb4a081f2.txt',
    quote: 'What Server Actions do save is one round-trip',
    verdict: combineVerdicts(evidence.map((row) => row.verdict)),
    summary: evidence.length
      ? `Median critical-path round trips per interaction (request log): ${evidence
          .map((row) => `RTT ${row.rttMs} ms: action ${row.actionRoundTrips}, route-refresh ${row.routeRefreshRoundTrips}`)
          .join('; ')}. The RTT slope is in the accuracy panel.`
      : 'The revalidate scenario (action and route-refresh) was not run.',
    evidence,
  };
}

/** The Route Handler variant that does the same job as the action, end to end, per scenario. */
const ROUTE_COUNTERPART: Record<string, string> = { counter: 'route', revalidate: 'route-refresh' };

/**
 * C3: "removing HTTP overhead" should show as fewer bytes per interaction (browser) and as lower server latency
 * and higher throughput under load, action against its same-result route counterpart. Failed cells do not count.
 */
export function evaluateC3(browser: BrowserResults | undefined, http: HttpResults | undefined): Claim {
  const evidence: Record<string, unknown>[] = [];
  for (const [scenario, route] of Object.entries(ROUTE_COUNTERPART)) {
    for (const action of browser?.cells.filter((c) => c.scenario === scenario && c.variant === 'action' && c.rttMs === 0) ?? []) {
      const other = browser?.cells.find((c) => c.scenario === scenario && c.variant === route && c.rttMs === 0);
      if (!other) continue;
      evidence.push({ scenario, route, measure: 'bytes per interaction (browser)', action: Math.round(action.bytesPerInteraction), routeValue: Math.round(other.bytesPerInteraction), verdict: action.bytesPerInteraction <= other.bytesPerInteraction ? 'supported' : 'refuted' });
    }
    for (const action of http?.cells.filter((c) => c.scenario === scenario && c.variant === 'action' && !c.failed) ?? []) {
      const other = http?.cells.find((c) => c.scenario === scenario && c.variant === route && c.connections === action.connections && !c.failed);
      if (!other) continue;
      evidence.push({ scenario, route, measure: `interaction p50 ms under load x${action.connections}`, action: action.interactionLatencyMs.p50, routeValue: other.interactionLatencyMs.p50, verdict: action.interactionLatencyMs.p50 <= other.interactionLatencyMs.p50 ? 'supported' : 'refuted' });
      evidence.push({ scenario, route, measure: `interactions/s under load x${action.connections}`, action: action.interactionsPerSec, routeValue: other.interactionsPerSec, verdict: action.interactionsPerSec >= other.interactionsPerSec ? 'supported' : 'refuted' });
    }
  }
  const verdict = combineVerdicts(evidence.map((row) => row.verdict as Verdict));
  const against = (wanted: Verdict) => evidence.filter((row) => row.verdict === wanted).map((row) => `${row.scenario} ${row.measure}`);
  return {
    id: 'C3',
    source: 'seeds/003_c856860a3c6dd2db.txt',
    quote: 'By removing HTTP overhead and enabling more direct server-client coordination, Server Actions can reduce latency',
    verdict,
    summary: evidence.length
      ? `Action against the route variant with the same end result (counter: route; revalidate: route-refresh), point estimates. Action better or equal: ${against('supported').join('; ') || 'none'}. Route better: ${against('refuted').join('; ') || 'none'}.`
      : 'Needs the browser suite at RTT 0 or the HTTP suite.',
    evidence,
  };
}

/** C4's band: action throughput within this fraction of the route's counts as "not as different". */
export const C4_BAND = 0.15;

/** C4: under load, the counter's action throughput is within +-15% of its Route Handler's. */
export function evaluateC4(http: HttpResults | undefined): Claim {
  const evidence = (http?.cells ?? [])
    .filter((cell) => cell.scenario === 'counter' && cell.variant === 'action' && !cell.failed)
    .flatMap((action) => {
      const route = http!.cells.find((c) => c.scenario === 'counter' && c.variant === 'route' && c.connections === action.connections && !c.failed);
      if (!route) return [];
      const ratio = action.interactionsPerSec / route.interactionsPerSec;
      return [{ connections: action.connections, actionPerSec: action.interactionsPerSec, routePerSec: route.interactionsPerSec, ratio, verdict: (Math.abs(ratio - 1) <= C4_BAND ? 'supported' : 'refuted') as Verdict }];
    });
  return {
    id: 'C4',
    source: 'seeds/002_7dd42d0cb4a081f2.txt',
    quote: 'Performance: not as different as people think',
    verdict: combineVerdicts(evidence.map((row) => row.verdict)),
    summary: evidence.length
      ? `counter under load, action / route interactions per second: ${evidence.map((row) => `x${row.connections}: ${row.ratio.toFixed(2)}`).join(', ')} (supported within ${1 - C4_BAND}..${1 + C4_BAND}). One run per cell: a point estimate.`
      : 'Needs the HTTP suite with the counter scenario.',
    evidence,
  };
}

export function evaluateClaims(results: { browser?: BrowserResults; http?: HttpResults }): Claim[] {
  const browser = results.browser;
  return [
    evaluateC1(browser?.comparisons ?? []),
    evaluateC2(browser?.cells ?? []),
    evaluateC3(browser, results.http),
    evaluateC4(results.http),
  ];
}
