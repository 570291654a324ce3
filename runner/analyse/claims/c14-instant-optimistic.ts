import { z } from 'zod';
import { ACCURACY_TOLERANCE_MS } from '../cells';
import {
  cite,
  GateReasonSchema,
  IntervalSchema,
  notMeasured,
  RowVerdictSchema,
  type ClaimModule,
} from './claim-module';
import { cellGate } from './gating';
import { allOf, bandVerdict, SEED_002, type Verdict } from './verdicts';
import { ci, fmtCi, fmtMs, gatedNote, heldBack, list, ms } from './words';

/** One frame at 60 Hz: C14's "instant" is the optimistic state painting within the frame after the click is handled. */
export const FRAME_MS = 1000 / 60;

/** The optimistic paint after the input delay (metric paint), or its rise from RTT 0 (metric rise), per variant and RTT. */
const Row = z.object({
  measure: z.string(),
  metric: z.enum(['paint', 'rise']),
  variant: z.string(),
  rttMs: z.number(),
  ms: z.number(),
  ci95: IntervalSchema,
  role: z.string(),
  verdict: RowVerdictSchema,
  reason: GateReasonSchema,
});
type Row = z.infer<typeof Row>;

/** The role of the rows that decide: the action's (the route's optimistic state, set by hand, is context). */
const VERDICT_ROLE = 'verdict';
const CONTEXT_ROLE = 'context: optimistic state set by hand before the fetch';

/**
 * C14: useOptimistic with an action paints the new state "instantly": from the click listener to the optimistic
 * state within one frame (the interval of page-load medians at or below FRAME_MS supports, wholly above refutes),
 * and not waiting on the network: its rise from RTT 0 to each RTT inside ±ACCURACY_TOLERANCE_MS (the accuracy
 * panel's mark rows). Both must hold. The route's hand-written optimistic state is shown beside it.
 */
export const c14: ClaimModule<Row> = {
  id: 'C14',
  source: SEED_002,
  quote: 'useOptimistic hook plus an action gives you Twitter-style instant UX in a few lines.',
  requires: {
    suites: ['browser'],
    scenarios: ['optimistic'],
    condition: 'with 2 or more page loads per cell',
  },
  evidence: Row,
  evaluate(input) {
    const { browser } = input;
    const cells = (browser?.cells ?? [])
      .filter((c) => c.scenario === 'optimistic' && c.chrome === 'no-defer')
      .sort((x, y) => x.rttMs - y.rttMs || x.variant.localeCompare(y.variant));
    const paintRows = cells.flatMap((cell): Row[] => {
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
          role: inVerdict ? VERDICT_ROLE : CONTEXT_ROLE,
          verdict,
          ...(gate ? { reason: gate } : {}),
        },
      ];
    });
    const riseRows = (browser?.accuracy ?? [])
      .filter((row) => row.scenario === 'optimistic' && row.mark === 'optimistic' && row.reference)
      .sort((x, y) => x.rttMs - y.rttMs || x.variant.localeCompare(y.variant))
      .map((row): Row => {
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
          role: inVerdict ? VERDICT_ROLE : CONTEXT_ROLE,
          verdict,
          ...(gate ? { reason: gate } : {}),
        };
      });
    const evidence = [...paintRows, ...riseRows];
    const decisive = evidence.filter((row) => row.role === VERDICT_ROLE);
    // The route's rows alone decide nothing: not measured, and shown.
    if (!decisive.length) return notMeasured(c14, evidence);
    const describe = (rows: readonly Row[]) =>
      rows
        .filter((row) => row.role === VERDICT_ROLE)
        .map((row) => `${fmtMs(row.ms)} at RTT ${row.rttMs} ms (${fmtCi(row.ci95)})`)
        .join(', ');
    return {
      ...cite(c14),
      verdict: allOf(decisive.map((row) => row.verdict)),
      summary: `useOptimistic with the action: the toggled like paints ${describe(paintRows) || '(no interval)'} after the click is handled, against one frame (${FRAME_MS.toFixed(1)} ms); its rise with RTT: ${describe(riseRows) || 'needs RTT 0 and another RTT'}, against ±${ACCURACY_TOLERANCE_MS} ms.${gatedNote(decisive)}`,
      evidence,
    };
  },
  headline(rows) {
    const decisive = rows.filter((row) => row.role === VERDICT_ROLE);
    const paints = decisive.filter((row) => row.metric === 'paint');
    const rises = decisive.filter((row) => row.metric === 'rise');
    if (!paints.length) return null;
    const at = (row: Row) => `${ms(row.ms)} at RTT ${row.rttMs} ms (${ci(row.ci95)})`;
    const risen = rises.length
      ? ` From RTT 0 it rose by ${list(rises.map(at))}, against ±${ACCURACY_TOLERANCE_MS} ms for "independent of RTT".`
      : '';
    const byHand = rows.filter((row) => row.variant === 'route' && row.metric === 'paint');
    const route = byHand.length
      ? ` Set by hand before a fetch, the route's optimistic state painted in ${list(byHand.map((row) => `${ms(row.ms)} at RTT ${row.rttMs} ms`))}.`
      : '';
    return `With useOptimistic and the action, the toggled like painted ${list(paints.map(at))} after the click was handled, against one frame (${FRAME_MS.toFixed(1)} ms).${risen}${route}${heldBack(decisive)}`;
  },
  headings: {
    measure: 'measure',
    metric: 'metric',
    variant: 'variant',
    rttMs: 'RTT (ms)',
    ms: 'ms',
    ci95: '95% CI',
    role: 'role',
    verdict: 'verdict',
    reason: 'reason',
  },
};
