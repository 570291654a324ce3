import { z } from 'zod';
import type { Cell } from '../../contract/results';
import {
  cite,
  GateReasonSchema,
  IntervalSchema,
  notMeasured,
  RowVerdictSchema,
  type ClaimModule,
} from './claim-module';
import { QUICK_REASON } from './gating';
import { comparisonsOf, fitOf } from './select';
import { allOf, SEED_002, type Verdict } from './verdicts';
import { fmtCi, gatedNote } from './words';

/** C2: a variant's critical-path request count must be the expected one in at least this share of its samples. */
export const C2_COUNT_SHARE = 0.95;

/**
 * The critical-path request count most of a cell's samples made and their share; null for a run that predates
 * per-sample counts (C2's rule, and the bottom line's round trips).
 */
export function modalRoundTrips(cell: Cell): { count: number; share: number } | null {
  const counts = Object.entries(cell.roundTripCounts ?? {});
  if (!counts.length) return null;
  const [count, n] = counts.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return { count: Number(count), share: n / cell.n };
}

/** The share of a cell's samples with `count` critical-path requests, or null for a run that predates per-sample counts. */
const countShare = (cell: Cell | undefined, count: number) =>
  cell?.roundTripCounts ? (cell.roundTripCounts[count] ?? 0) / cell.n : null;

/** Per RTT: the action's and route-refresh's request counts, and the share of samples with one and two. */
const CountRow = z.object({
  measure: z.string(),
  rttMs: z.number(),
  action: z.number(),
  routeRefresh: z.number(),
  n: IntervalSchema,
  actionShareOne: z.number().nullable(),
  routeRefreshShareTwo: z.number().nullable(),
  verdict: RowVerdictSchema,
  reason: GateReasonSchema,
});
/** The emulator's known answer again, shown: how the time difference grows with RTT. */
const SlopeRow = z.object({
  measure: z.string(),
  slope: z.number(),
  ci95: IntervalSchema,
  expected: z.number(),
  role: z.string(),
});
const Row = z.union([CountRow, SlopeRow]);
type CountRow = z.infer<typeof CountRow>;

/**
 * C2 on exact counts: at every RTT, the action's critical path is one request in >= 95% of its samples and
 * route + router.refresh()'s two. The slope of the time difference against RTT is the emulator's known answer again
 * (the proxy adds one RTT per sequential request): accuracy evidence, shown, not a verdict row.
 */
export const c02: ClaimModule<z.infer<typeof Row>> = {
  id: 'C2',
  source: SEED_002,
  quote: 'What Server Actions do save is one round-trip',
  requires: {
    suites: ['browser'],
    scenarios: ['revalidate'],
    words: 'The revalidate scenario (action and route-refresh) was not run in the browser.',
  },
  evidence: Row,
  evaluate(input) {
    const browser = input.browser;
    const cells = (browser?.cells ?? []).filter((c) => c.scenario === 'revalidate' && c.chrome === 'no-defer');
    const cell = (variant: string, rttMs: number) => cells.find((c) => c.variant === variant && c.rttMs === rttMs);
    const quick = input.run.profile === 'quick';
    const countRows = cells
      .filter((c) => c.variant === 'action')
      .flatMap((action): CountRow[] => {
        const refresh = cell('route-refresh', action.rttMs);
        if (!refresh) return [];
        const [actionShare, refreshShare] = [countShare(action, 1), countShare(refresh, 2)];
        const common = {
          measure: 'critical-path requests per sample',
          rttMs: action.rttMs,
          action: action.roundTrips,
          routeRefresh: refresh.roundTrips,
          n: [action.n, refresh.n] as [number, number],
          actionShareOne: actionShare,
          routeRefreshShareTwo: refreshShare,
        };
        if (quick) return [{ ...common, verdict: 'inconclusive' as Verdict, reason: QUICK_REASON }];
        if (actionShare === null || refreshShare === null)
          return [
            { ...common, verdict: 'inconclusive' as Verdict, reason: 'the run predates per-sample request counts' },
          ];
        const verdict: Verdict =
          actionShare >= C2_COUNT_SHARE && refreshShare >= C2_COUNT_SHARE
            ? 'supported'
            : (modalRoundTrips(action)?.share ?? 0) >= C2_COUNT_SHARE &&
                (modalRoundTrips(refresh)?.share ?? 0) >= C2_COUNT_SHARE
              ? 'refuted'
              : 'inconclusive';
        return [
          {
            ...common,
            verdict,
            ...(verdict === 'inconclusive'
              ? {
                  reason: `mixed counts (action 1 in ${(actionShare * 100).toFixed(0)}%, route-refresh 2 in ${(refreshShare * 100).toFixed(0)}% of samples)`,
                }
              : {}),
          },
        ];
      });
    const fit = fitOf(
      comparisonsOf(browser, 'revalidate', 'route-refresh', 'no-defer').filter(
        (c) => c.sampling !== 'failed' && Math.min(...c.loads) >= 2,
      ),
    );
    const slopeRows = fit
      ? [
          {
            measure: 'slope of (route-refresh - action) against RTT',
            slope: fit.slope.estimate,
            ci95: fit.slope.ci95,
            expected: 1,
            role: "the emulator's known answer again: accuracy evidence, not a verdict row",
          },
        ]
      : [];
    if (!countRows.length) return notMeasured(c02, slopeRows);
    const verdict = allOf(countRows.map((row) => row.verdict));
    const pct = (share: number | null) => (share === null ? 'unknown' : `${(share * 100).toFixed(0)}%`);
    return {
      ...cite(c02),
      verdict,
      ...(verdict === 'refuted'
        ? { qualifier: 'the action does not save exactly one request' }
        : verdict === 'inconclusive'
          ? { qualifier: countRows.flatMap((row) => (row.reason ? [row.reason] : []))[0] ?? 'undecided' }
          : {}),
      summary: `Critical-path requests per interaction, share of samples: ${countRows.map((row) => `RTT ${row.rttMs} ms: action 1 in ${pct(row.actionShareOne)} of ${row.n[0]}, route-refresh 2 in ${pct(row.routeRefreshShareTwo)} of ${row.n[1]}`).join('; ')} (rule: >= ${C2_COUNT_SHARE * 100}% at every RTT). ${
        fit
          ? `As accuracy evidence, the time difference grows by ${fit.slope.estimate.toFixed(2)} ms per ms of RTT (${fmtCi(fit.slope.ci95, 2)}; one request on the emulated link means 1).`
          : ''
      }${gatedNote(countRows)}`,
      evidence: [...countRows, ...slopeRows],
    };
  },
  // The summary says it: the counts per RTT are its finding.
  headline: () => null,
  headings: {
    measure: 'measure',
    rttMs: 'RTT (ms)',
    action: 'action',
    routeRefresh: 'route-refresh',
    n: 'n',
    actionShareOne: 'action share one',
    routeRefreshShareTwo: 'route refresh share two',
    verdict: 'verdict',
    reason: 'reason',
    slope: 'slope (ms per ms of RTT)',
    ci95: '95% CI',
    expected: 'expected',
    role: 'role',
  },
};
