import { z } from 'zod';
import type { Cell } from '../../contract/results';
import { atConfidence, tCritical, tUpperTail } from '../../stats/interval';
import { cite, GateReasonSchema, IntervalSchema, notMeasured, type ClaimModule } from './claim-module';
import { browserGate, httpGate, noisyNote } from './gating';
import { comparisonsOf, ratioRow } from './select';
import { SEED_003, type Judged } from './verdicts';
import { fmtCi, fmtMs, gatedNote } from './words';

/** C3: "no difference" is the route within ±2 ms of the action at every RTT (TOST, 90% CIs). */
export const C3_EQUIVALENCE_MS = 2;

/** Holm's step-down over p-values at `alpha`: which hypotheses it rejects. */
export function holmRejects(pValues: readonly number[], alpha = 0.05): boolean[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const rejected = pValues.map(() => false);
  for (const [rank, { p, index }] of order.entries()) {
    if (p > alpha / (pValues.length - rank)) break;
    rejected[index] = true;
  }
  return rejected;
}

/** The outcome: browser latency, route minus action, at one RTT. */
const OutcomeRow = z.object({
  measure: z.string(),
  rttMs: z.number(),
  diffMs: z.number(),
  ci95: IntervalSchema,
  ci90: IntervalSchema,
  pSlower: z.number(),
  reason: GateReasonSchema,
});
/** Mechanism: bytes per interaction, action beside route. */
const BytesRow = z.object({
  measure: z.string(),
  action: z.number(),
  route: z.number(),
  role: z.string(),
  /** Older runs' rows (seed 224's): the request's bytes apart. */
  actionRequest: z.number().optional(),
  routeRequest: z.number().optional(),
});
/** Mechanism: a load ratio, action / route. */
const RatioRow = z.object({
  measure: z.string(),
  estimate: z.number(),
  ci95: IntervalSchema,
  repeats: z.number(),
  connections: z.number(),
  encoding: z.string(),
  role: z.string(),
  reason: GateReasonSchema,
});
const Row = z.union([OutcomeRow, BytesRow, RatioRow]);
type MechanismRow = z.infer<typeof BytesRow> | z.infer<typeof RatioRow>;

/**
 * C3, on its outcome: the browser latency of equal work (the counter: one request either way, the same service call),
 * route minus action at each RTT. Supported if the action is faster beyond noise at every RTT (intersection-union:
 * each one-sided 95%); refuted if it is slower beyond noise at any RTT (Holm across RTTs, one-sided 5%) or within
 * ±2 ms at every RTT (TOST); otherwise inconclusive. Bytes on the wire, server CPU and throughput under load are the
 * mechanism the quote names: shown, not deciding.
 */
export const c03: ClaimModule<z.infer<typeof Row>> = {
  id: 'C3',
  source: SEED_003,
  quote:
    'By removing HTTP overhead and enabling more direct server-client coordination, Server Actions can reduce latency',
  requires: { suites: ['browser', 'http'], scenarios: ['counter'] },
  evidence: Row,
  evaluate(input) {
    const { browser, http } = input;
    const outcome = comparisonsOf(browser, 'counter', 'route', 'no-defer').map((c) => {
      const gate = browserGate(browser!, input.run, c);
      const standardError = (c.ci95[1] - c.ci95[0]) / 2 / tCritical(c.df);
      return {
        measure: `browser latency, route minus action at RTT ${c.rttMs} ms`,
        rttMs: c.rttMs,
        diffMs: c.diffMedianMs,
        ci95: c.ci95,
        ci90: atConfidence(c.ci95, c.df, 0.9),
        // One-sided p of "the action is not slower": small when route minus action is far below 0.
        pSlower: 1 - tUpperTail(c.diffMedianMs / standardError, c.df),
        ...(gate ? { reason: gate } : {}),
      };
    });
    const ungated = outcome.filter((row) => row.reason === undefined);
    const slowerAt = holmRejects(ungated.map((row) => row.pSlower)).flatMap((rejected, i) =>
      rejected ? [ungated[i]!.rttMs] : [],
    );
    const all = ungated.length === outcome.length && outcome.length > 0;
    const judged: Judged = slowerAt.length
      ? { verdict: 'refuted', qualifier: `the action is slower at RTT ${slowerAt.join(', ')} ms` }
      : all && ungated.every((row) => row.ci90[0] > 0)
        ? { verdict: 'supported' }
        : all && ungated.every((row) => row.ci90[0] >= -C3_EQUIVALENCE_MS && row.ci90[1] <= C3_EQUIVALENCE_MS)
          ? { verdict: 'refuted', qualifier: `no difference: within ±${C3_EQUIVALENCE_MS} ms at every RTT` }
          : {
              verdict: outcome.length ? 'inconclusive' : 'not-measured',
              qualifier:
                ungated.length < outcome.length
                  ? `${outcome.length - ungated.length} of ${outcome.length} RTTs held back by a gate${noisyNote(outcome.flatMap((row) => row.reason ?? []))}`
                  : 'neither faster at every RTT nor within ±2 ms at every RTT',
            };
    const mechanism: MechanismRow[] = [];
    const role = 'mechanism: shown, does not decide';
    const counterCells = (browser?.cells ?? []).filter((c) => c.scenario === 'counter' && c.chrome === 'no-defer');
    const bytesOf = (variant: string, pick: (cell: Cell) => number) => {
      const values = counterCells.filter((c) => c.variant === variant).map(pick);
      return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
    };
    const [actionBytes, routeBytes] = [
      bytesOf('action', (c) => c.bytesPerInteraction),
      bytesOf('route', (c) => c.bytesPerInteraction),
    ];
    if (actionBytes !== null && routeBytes !== null) {
      mechanism.push({
        measure: 'bytes on the wire per interaction, browser (request + response, headers included)',
        action: Math.round(actionBytes),
        route: Math.round(routeBytes),
        role,
      });
    }
    for (const encoding of http?.encodings ?? []) {
      for (const action of (http?.cells ?? []).filter(
        (c) => c.scenario === 'counter' && c.variant === 'action' && !c.twin && c.encoding === encoding,
      )) {
        const route = http!.cells.find(
          (c) =>
            c.scenario === 'counter' &&
            c.variant === 'route' &&
            c.encoding === encoding &&
            c.connections === action.connections,
        );
        if (!route) continue;
        const gate = httpGate(http!, input.run, {
          scenario: 'counter',
          connections: action.connections,
          encoding,
          a: 'action',
          b: 'route',
        });
        mechanism.push({
          measure: `bytes per interaction under load, ${encoding}`,
          action: Math.round(action.requestBytesPerInteraction + action.responseBytesPerInteraction),
          route: Math.round(route.requestBytesPerInteraction + route.responseBytesPerInteraction),
          role,
        });
        for (const [measure, label] of [
          ['serverCpuMsPerInteraction', 'server CPU per interaction, action / route'],
          ['interactionsPerSec', 'throughput, action / route'],
        ] as const) {
          const ratio = http!.ratios.find(
            (r) =>
              r.kind === 'comparison' &&
              r.scenario === 'counter' &&
              r.a === 'action' &&
              r.b === 'route' &&
              r.encoding === encoding &&
              r.connections === action.connections &&
              r.measure === measure,
          );
          if (ratio)
            mechanism.push({
              measure: `${label} (${encoding}, ${action.connections} connections)`,
              ...ratioRow(ratio),
              role,
              ...(gate ? { reason: gate } : {}),
            });
        }
      }
    }
    if (!outcome.length && !mechanism.length) return notMeasured(c03);
    const describeRow = (row: (typeof outcome)[number]) =>
      `RTT ${row.rttMs} ms: ${fmtMs(row.diffMs)} (${fmtCi(row.ci95)})${row.reason ? ', held back' : ''}`;
    const describeMechanism = (row: MechanismRow) =>
      'action' in row
        ? `${row.measure}: action ${row.action}, route ${row.route} bytes`
        : `${row.measure}: ${row.estimate.toFixed(2)} (${fmtCi(row.ci95, 2)})`;
    return {
      ...cite(c03),
      verdict: outcome.length ? judged.verdict : 'inconclusive',
      ...(outcome.length && judged.qualifier
        ? { qualifier: judged.qualifier }
        : !outcome.length
          ? { qualifier: 'the outcome (browser latency of the counter) was not measured' }
          : {}),
      summary: `Equal work (the counter), browser latency, route minus action (positive: the action is faster): ${outcome.map(describeRow).join('; ') || 'not measured'}. Mechanism, not deciding: ${mechanism.map(describeMechanism).join('; ') || 'none measured'}.${gatedNote(outcome)}`,
      evidence: [...outcome, ...mechanism],
    };
  },
  // The summary says it: the outcome per RTT beside the mechanism rows.
  headline: () => null,
  headings: {
    measure: 'measure',
    rttMs: 'RTT (ms)',
    diffMs: 'difference (ms)',
    ci95: '95% CI',
    ci90: '90% CI (two one-sided 95%)',
    pSlower: 'p slower',
    reason: 'reason',
    action: 'action',
    route: 'route',
    role: 'role',
    actionRequest: "action's request",
    routeRequest: "route's request",
    estimate: 'estimate',
    repeats: 'load repeats',
    connections: 'connections',
    encoding: 'compression',
  },
};
