import { z } from 'zod';
import { cite, notMeasured, RowVerdictSchema, type ClaimModule, type ProbeInput } from './claim-module';
import { againstAction } from './select';
import { combineVerdicts, SEED_000, type Verdict } from './verdicts';
import { kb, list, percent } from './words';

/** Byte counts are exact; an action page within this share above the route's counts as no more JavaScript. */
const BYTES_PARITY = 0.02;

/** One route variant's page beside its scenario's action page: the JavaScript each loads. */
const Row = z.object({
  scenario: z.string(),
  variant: z.string(),
  routeGzipBytes: z.number(),
  actionGzipBytes: z.number(),
  routeRawBytes: z.number(),
  actionRawBytes: z.number(),
  differenceBytes: z.number(),
  verdict: RowVerdictSchema,
});
type Row = z.infer<typeof Row>;

const signedKb = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${kb(Math.abs(bytes))}`;

/** C10: per scenario and route variant, the action page loads no more JavaScript (gzip bytes) than the route page. */
export const c10: ClaimModule<Row, ProbeInput> = {
  id: 'C10',
  source: SEED_000,
  quote: 'The primary goal is to reduce the amount of JavaScript sent to the client',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const rows = againstAction(probes?.clientJs).map(({ scenario, route, action }): Row => {
      const differenceBytes = action.gzipBytes - route.gzipBytes;
      const verdict: Verdict = action.gzipBytes <= route.gzipBytes * (1 + BYTES_PARITY) ? 'supported' : 'refuted';
      return {
        scenario,
        variant: route.variant,
        routeGzipBytes: route.gzipBytes,
        actionGzipBytes: action.gzipBytes,
        routeRawBytes: route.rawBytes,
        actionRawBytes: action.rawBytes,
        differenceBytes,
        verdict,
      };
    });
    if (!rows.length) return notMeasured(c10);
    return {
      ...cite(c10),
      verdict: combineVerdicts(rows.map((row) => row.verdict)),
      summary: `JavaScript each page loads (gzip, every script of a fresh page load): ${rows
        .map(
          (row) =>
            `${row.scenario}: action ${kb(row.actionGzipBytes)} vs ${row.variant} ${kb(row.routeGzipBytes)} (${signedKb(row.differenceBytes)})`,
        )
        .join('; ')}. Within ${percent(BYTES_PARITY)} counts as no more.`,
      evidence: rows,
    };
  },
  headline(rows) {
    return `JavaScript a fresh page load fetches, gzip: ${list(rows.map((row) => `${row.scenario} action ${kb(row.actionGzipBytes)} vs ${row.variant} ${kb(row.routeGzipBytes)} (${signedKb(row.differenceBytes)})`))}. The action page loads no more in ${
      rows.filter((row) => row.verdict === 'supported').length
    } of ${rows.length}.`;
  },
  headings: {
    scenario: 'scenario',
    variant: 'variant',
    routeGzipBytes: 'route: gzip bytes',
    actionGzipBytes: 'action: gzip bytes',
    routeRawBytes: 'route: raw bytes',
    actionRawBytes: 'action: raw bytes',
    differenceBytes: 'difference (bytes)',
    verdict: 'verdict',
  },
};
