import { z } from 'zod';
import { cite, notMeasured, RowVerdictSchema, type ClaimModule, type ProbeInput } from './claim-module';
import { allOf, SEED_000, type Verdict } from './verdicts';
import { list } from './words';

/** One request a browser could be tricked into sending (or none), and what became of it. */
const Row = z.object({
  transport: z.string(),
  path: z.string(),
  origin: z.string(),
  status: z.number().nullable(),
  persisted: z.boolean(),
  /** Persisted or not, in words for the table: the headline reads `persisted`, so rows without it still read. */
  outcome: z.string().optional(),
  verdict: RowVerdictSchema,
});
type Row = z.infer<typeof Row>;

const ORIGIN_WORDS: Record<string, string> = {
  foreign: 'a request with a foreign Origin',
  null: 'a request with Origin: null',
  none: 'a request with no Origin',
  'cross-site form': 'a real cross-site form',
};
const statusWords = (statuses: readonly (number | null)[]) =>
  list([...new Set(statuses.map((status) => (status === null ? 'no answer' : String(status))))]);

/**
 * C5: every action request a browser could be tricked into sending (a foreign Origin, `Origin: null`, a real
 * cross-site form) is refused, nothing persisted: supported; any persisted: refuted. The same form submitted
 * same-origin without JavaScript (C6's probe) must work, or the cross-site refusal proves nothing. A request with
 * no Origin comes from no browser's cross-site POST: shown, not judged. Route rows are the comparison.
 */
export const c05: ClaimModule<Row, ProbeInput> = {
  id: 'C5',
  source: SEED_000,
  quote: 'Server Actions automatically prevent CSRF.',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const rows = probes?.csrf ?? [];
    if (!rows.length) return notMeasured(c05);
    const formWorks = probes?.noJs?.persisted === true;
    const judged = (row: (typeof rows)[number]) => row.transport === 'action' && row.origin !== 'none';
    const evidence = rows.map((row) => ({
      ...row,
      outcome: row.persisted ? 'accepted' : 'rejected',
      verdict: (!judged(row)
        ? 'not-measured'
        : row.persisted
          ? 'refuted'
          : row.origin === 'cross-site form' && !formWorks
            ? 'inconclusive'
            : 'supported') as Verdict,
    }));
    const describe = (row: (typeof evidence)[number]) =>
      `${row.origin === 'cross-site form' ? 'a cross-site form' : row.origin === 'none' ? 'no Origin' : `Origin ${row.origin}`} → ${row.outcome} (${row.status ?? 'no answer'})`;
    const group = (transport: string, path: string) =>
      evidence.filter((row) => row.transport === transport && row.path === path);
    const paths = [...new Set(evidence.map((row) => `${row.transport} ${row.path}`))];
    return {
      ...cite(c05),
      // One accepted cross-site request is enough to refute "prevents CSRF".
      verdict: allOf(evidence.filter((row) => judged(row)).map((row) => row.verdict)),
      summary: `${paths
        .map((key) => {
          const [transport, path] = key.split(' ') as [string, string];
          return `${transport === 'action' ? 'Action' : 'Route Handler'} ${path}: ${group(transport, path).map(describe).join(', ')}`;
        })
        .join(
          '. ',
        )}. The same form submitted from its own origin without JavaScript ${formWorks ? 'worked' : 'did not work (so the cross-site refusal proves nothing)'}.`,
      evidence,
    };
  },
  headline(rows) {
    // A request with no Origin is no browser's cross-site POST: shown in the evidence, not judged.
    const crossSite = rows.filter((row) => row.transport === 'action' && row.origin !== 'none');
    if (!crossSite.length) return null;
    const accepted = crossSite.filter((row) => row.persisted);
    const unproven = crossSite.filter((row) => !row.persisted && row.verdict === 'inconclusive');
    const action = accepted.length
      ? `The action accepted and persisted ${list(accepted.map((row) => `${ORIGIN_WORDS[row.origin] ?? row.origin} (status ${statusWords([row.status])})`))}.`
      : `The action rejected ${list(crossSite.map((row) => ORIGIN_WORDS[row.origin] ?? row.origin))} with nothing persisted (status ${statusWords(crossSite.map((row) => row.status))}).`;
    const unprovenNote = unproven.length
      ? ' The same form from its own origin did not work either, so refusing it proves nothing.'
      : '';
    const routePaths = [...new Set(rows.filter((row) => row.transport === 'route').map((row) => row.path))];
    const routes = routePaths.length
      ? ` For comparison, Route Handlers persisted ${list(
          routePaths.map((path) => {
            const own = rows.filter((row) => row.transport === 'route' && row.path === path);
            return `${own.filter((row) => row.persisted).length} of ${own.length} of the same requests at ${path}`;
          }),
        )}.`
      : '';
    return `${action}${unprovenNote}${routes}`;
  },
  headings: {
    transport: 'transport',
    path: 'path',
    origin: 'origin',
    status: 'status',
    persisted: 'persisted',
    outcome: 'outcome',
    verdict: 'verdict',
  },
};
