import { z } from 'zod';
import {
  cite,
  GateReasonSchema,
  IntervalSchema,
  notMeasured,
  RowVerdictSchema,
  type ClaimModule,
} from './claim-module';
import { browserGate } from './gating';
import { referenceComparisons } from './select';
import { combineDirections, directionVerdict, SEED_000, type Verdict } from './verdicts';
import { ci, count, faster, fmtCi, fmtMs, gatedNote, heldBack, list } from './words';

/** Per RTT: how many requests the five actions formed a chain of (and the five fetches, beside them). */
const ChainRow = z.object({
  measure: z.string(),
  rttMs: z.number(),
  action: z.number(),
  route: z.number().nullable(),
  verdict: RowVerdictSchema,
});
/** Per RTT: the time until all five show, route minus action. */
const TimeRow = z.object({
  measure: z.string(),
  rttMs: z.number(),
  diffMs: z.number(),
  ci95: IntervalSchema,
  verdict: RowVerdictSchema,
  reason: GateReasonSchema,
});
const Row = z.union([ChainRow, TimeRow]);
type ChainRow = z.infer<typeof ChainRow>;
type TimeRow = z.infer<typeof TimeRow>;

/**
 * C11: Promise.all over five actions called from the client. Next's client sends actions one at a time, so the
 * requests form a chain (each starting after the previous answered) where five fetches overlap: the action's chain
 * length per RTT (exact, like C2's counts) and route minus action with its interval (positive: the action is
 * faster). A chain of 1 or an action beyond noise faster supports; a longer chain or a slower action refutes.
 */
export const c11: ClaimModule<z.infer<typeof Row>> = {
  id: 'C11',
  source: SEED_000,
  quote: 'Use Promise.all inside Server Actions if you need to hit multiple services.',
  requires: { suites: ['browser'], scenarios: ['parallel'] },
  evidence: Row,
  evaluate(input) {
    const { browser } = input;
    const cells = (browser?.cells ?? [])
      .filter((c) => c.scenario === 'parallel' && c.chrome === 'no-defer')
      .sort((x, y) => x.rttMs - y.rttMs);
    const chainRows = cells
      .filter((cell) => cell.variant === 'action')
      .map((action): ChainRow => {
        const route = cells.find((cell) => cell.variant === 'route' && cell.rttMs === action.rttMs);
        return {
          measure: 'requests in a chain (median per interaction; 1: all five overlapped, 5: one at a time)',
          rttMs: action.rttMs,
          action: action.roundTrips,
          route: route?.roundTrips ?? null,
          verdict: action.roundTrips === 1 ? 'supported' : 'refuted',
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
        ...(gate ? { reason: gate } : {}),
      };
    });
    const evidence = [...chainRows, ...timeRows];
    if (!evidence.length) return notMeasured(c11);
    const chains = chainRows
      .map((row) => `RTT ${row.rttMs} ms: action ${row.action}, route ${row.route ?? '–'}`)
      .join('; ');
    const times = timeRows.map((row) => `${fmtMs(row.diffMs)} at RTT ${row.rttMs} ms (${fmtCi(row.ci95)})`).join(', ');
    return {
      ...cite(c11),
      verdict: combineDirections(evidence.map((row) => row.verdict)),
      summary: `Five mutations started at once with Promise.all from the client. Requests in a chain: ${chains}. Route minus action: ${times || 'no interval (fewer than 2 page loads)'}. Inside one action Promise.all is server-side JavaScript and overlaps as anywhere; what this measures is the client, which sends actions one at a time.${gatedNote(timeRows)}`,
      evidence,
    };
  },
  headline(rows) {
    const chains = rows.filter((row): row is ChainRow => 'action' in row);
    const timed = rows.filter((row): row is TimeRow => 'diffMs' in row);
    const shown = timed.filter((row) => row.reason === undefined);
    if (!chains.length) return null;
    const chain = `formed a chain of ${list(chains.map((row) => `${count(row.action)} ${row.action === 1 ? 'request' : 'requests'} at RTT ${row.rttMs} ms`))}`;
    const fetches = chains.every((row) => row.route !== null)
      ? ` (five fetches to a Route Handler: ${list(chains.map((row) => count(row.route!)))})`
      : '';
    const times = shown.length
      ? `; until all five showed, the action was ${list(shown.map((row) => `${faster(row.diffMs)} at RTT ${row.rttMs} ms (${ci(row.ci95)})`))}`
      : '';
    return `Started together with Promise.all in the browser, five actions ${chain}${fetches}${times}. Inside one action, Promise.all runs on the server like any JavaScript; the chain is Next's client sending one action at a time.${heldBack(timed)}`;
  },
  headings: {
    measure: 'measure',
    rttMs: 'RTT (ms)',
    action: 'action',
    route: 'route',
    verdict: 'verdict',
    diffMs: 'difference (ms)',
    ci95: '95% CI',
    reason: 'reason',
  },
};
