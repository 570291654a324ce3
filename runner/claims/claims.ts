import type { Cell, Claim, Comparison } from '../results/schema';

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

export function evaluateClaims(browser: { cells: readonly Cell[]; comparisons: readonly Comparison[] }): Claim[] {
  return [evaluateC1(browser.comparisons), evaluateC2(browser.cells)];
}
