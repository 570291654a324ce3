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
import { combineDirections, directionVerdict, SEED_002, type Verdict } from './verdicts';
import { ci, fixed, gatedNote, heldBack, list } from './words';

/** One measure, route minus action, with its page-load interval (below 0: the route is better). */
const DifferenceRow = z.object({
  measure: z.string(),
  diff: z.number(),
  unit: z.string(),
  ci95: IntervalSchema,
  verdict: RowVerdictSchema,
  reason: GateReasonSchema,
});
/** The 2 MB upload with default settings: what each transport answered (exact). */
const UploadRow = z.object({
  measure: z.string(),
  action: z.string(),
  route: z.string(),
  verdict: RowVerdictSchema,
});
const Row = z.union([DifferenceRow, UploadRow]);
type Row = z.infer<typeof Row>;

/**
 * C15: large files and streaming fit Route Handlers better. export (a 21 MB CSV): route minus action in total time,
 * first byte and the server's memory rise per interaction, each by its page-load interval (below 0: the route is
 * better); payload: the 900 KB upload's time, and whether each transport takes 2 MB with its default settings
 * (exact: the action's default 1 MB body limit refuses it with HTTP 500). Definite rows decide, as in C3.
 */
export const c15: ClaimModule<Row> = {
  id: 'C15',
  source: SEED_002,
  quote:
    'Long-running streaming responses : server-sent events, file downloads, large CSV exports. Streaming HTTP responses is more idiomatic.',
  requires: { suites: ['browser'], scenarios: ['export', 'payload'] },
  evidence: Row,
  evaluate(input) {
    const { browser } = input;
    const evidence: Row[] = [];
    for (const c of referenceComparisons(browser, 'export')) {
      const gate = browserGate(browser!, input.run, c);
      const measures = [
        { measure: 'total time (to the saved file)', estimate: { estimate: c.diffMedianMs, ci95: c.ci95 }, unit: 'ms' },
        { measure: 'first response byte', estimate: c.firstByteDiffMs, unit: 'ms' },
        { measure: "server's RSS rise during the export", estimate: c.serverRssRiseDiffMb, unit: 'MB' },
      ];
      for (const { measure, estimate, unit } of measures) {
        if (!estimate) continue;
        evidence.push({
          measure: `export, ${measure}, route minus action at RTT ${c.rttMs} ms`,
          diff: estimate.estimate,
          unit,
          ci95: estimate.ci95,
          verdict: gate ? 'inconclusive' : directionVerdict(estimate.ci95, 0, 'below'),
          ...(gate ? { reason: gate } : {}),
        });
      }
    }
    for (const c of referenceComparisons(browser, 'payload-900kb')) {
      const gate = browserGate(browser!, input.run, c);
      evidence.push({
        measure: `payload 900 KB upload time, route minus action at RTT ${c.rttMs} ms`,
        diff: c.diffMedianMs,
        unit: 'ms',
        ci95: c.ci95,
        verdict: gate ? 'inconclusive' : directionVerdict(c.ci95, 0, 'below'),
        ...(gate ? { reason: gate } : {}),
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
      evidence.push({
        measure: 'payload 2 MB upload with default settings (exact)',
        action: `${statusOf(action)}${actionRefused ? ' refused' : ' saved'}`,
        route: `${statusOf(route)}${routeRefused ? ' refused' : ' saved'}`,
        verdict: actionRefused === routeRefused ? 'inconclusive' : actionRefused ? 'supported' : 'refuted',
      });
    }
    if (!evidence.length) return notMeasured(c15);
    const measuresWith = (verdict: Verdict) =>
      evidence.filter((row) => row.verdict === verdict).map((row) => row.measure);
    return {
      ...cite(c15),
      verdict: combineDirections(evidence.map((row) => row.verdict)),
      summary: `A 21 MB CSV export (route: a streamed Response; action: the returned string) and uploads up to 2 MB. Route better beyond noise: ${measuresWith('supported').join('; ') || 'none'}. Route worse beyond noise: ${measuresWith('refuted').join('; ') || 'none'}. Other rows showed no difference or were held back.${gatedNote(evidence)}`,
      evidence,
    };
  },
  headline(rows) {
    const value = (row: Row) =>
      'diff' in row
        ? `${fixed(row.diff)} ${row.unit} (${ci(row.ci95, 1, ` ${row.unit}`)})`
        : `action ${row.action}, route ${row.route}`;
    const label = (row: Row) => row.measure.replace(', route minus action', '');
    const phrase = (row: Row) => `${label(row)}: ${value(row)}`;
    const decided = (verdict: Verdict) =>
      rows.filter((row) => !('reason' in row && row.reason !== undefined) && row.verdict === verdict);
    const [better, worse, same] = [decided('supported'), decided('refuted'), decided('inconclusive')];
    const parts = [
      ...(better.length ? [`better beyond noise in ${list(better.map(phrase))}`] : []),
      ...(worse.length ? [`worse beyond noise in ${list(worse.map(phrase))}`] : []),
      ...(same.length ? [`no different beyond noise in ${list(same.map(label))}`] : []),
    ];
    return `Route minus action on a 21 MB CSV export and uploads up to 2 MB: the Route Handler is ${parts.join('; ') || 'held back in every row'}.${heldBack(rows)}`;
  },
  headings: {
    measure: 'measure',
    diff: 'diff',
    unit: 'unit',
    ci95: '95% CI',
    verdict: 'verdict',
    reason: 'reason',
    action: 'action',
    route: 'route',
  },
};
