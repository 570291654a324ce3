import { z } from 'zod';
import { cite, notMeasured, RowVerdictSchema, type ClaimModule, type ProbeInput } from './claim-module';
import { againstAction } from './select';
import { combineVerdicts, SEED_002, type Verdict } from './verdicts';
import { list, percent } from './words';

/** C9's band: the share of a route variant's own code that moving to an action drops. */
export const C9_BAND: [number, number] = [0.3, 0.4];

/** One route variant's own lines beside its scenario's action variant's. */
const Row = z.object({
  scenario: z.string(),
  variant: z.string(),
  routeLines: z.number(),
  actionLines: z.number(),
  reduction: z.number(),
  verdict: RowVerdictSchema,
});
type Row = z.infer<typeof Row>;

/** Which way C9's refutation goes: actions cut more code than claimed, or less (a refutation reads as anti-action otherwise). */
function c9Direction(rows: readonly Row[]): { qualifier?: string } {
  const refuted = rows.filter((row) => row.verdict === 'refuted');
  if (!refuted.length) return {};
  const more = refuted.every((row) => row.reduction > C9_BAND[1]);
  const less = refuted.every((row) => row.reduction < C9_BAND[0]);
  return {
    qualifier: more
      ? 'actions cut more code than claimed'
      : less
        ? 'actions cut less code than claimed'
        : 'more in some scenarios, less in others',
  };
}

/**
 * C9: per scenario and route variant, the share of the route's own lines the action variant does without;
 * inside [30%, 40%] supports, outside refutes (exact counts: no interval). Mixed rows: depends.
 */
export const c09: ClaimModule<Row, ProbeInput> = {
  id: 'C9',
  source: SEED_002,
  quote: 'You usually drop 30-40% of the boilerplate.',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const rows = againstAction(probes?.transportCode).map(({ scenario, route, action }): Row => {
      const reduction = 1 - action.lines / route.lines;
      const verdict: Verdict = reduction >= C9_BAND[0] && reduction <= C9_BAND[1] ? 'supported' : 'refuted';
      return {
        scenario,
        variant: route.variant,
        routeLines: route.lines,
        actionLines: action.lines,
        reduction,
        verdict,
      };
    });
    if (!rows.length) return notMeasured(c09);
    const verdict = combineVerdicts(rows.map((row) => row.verdict));
    return {
      ...cite(c09),
      verdict,
      ...(verdict === 'refuted' ? c9Direction(rows) : {}),
      summary: `Lines of each variant's own code (non-blank, non-comment; the shared service and UI excluded; files listed in the report): ${rows
        .map(
          (row) =>
            `${row.scenario} ${row.variant} ${row.routeLines} → action ${row.actionLines} (${row.reduction >= 0 ? `${percent(row.reduction)} less` : `${percent(-row.reduction)} more`})`,
        )
        .join('; ')}. The claim's band is ${percent(C9_BAND[0])}-${percent(C9_BAND[1])} less.`,
      evidence: rows,
    };
  },
  headline(rows) {
    const change = (row: Row) => `${percent(Math.abs(row.reduction))} ${row.reduction >= 0 ? 'less' : 'more'}`;
    return `Each variant's own code, route → action: ${list(rows.map((row) => `${row.scenario} ${row.variant} ${row.routeLines} → ${row.actionLines} lines (${change(row)})`))}. The claimed ${percent(C9_BAND[0])}–${percent(
      C9_BAND[1],
    )} less holds for ${rows.filter((row) => row.verdict === 'supported').length} of ${rows.length}.`;
  },
  headings: {
    scenario: 'scenario',
    variant: 'variant',
    routeLines: 'route: lines',
    actionLines: 'action: lines',
    reduction: 'reduction',
    verdict: 'verdict',
  },
};
