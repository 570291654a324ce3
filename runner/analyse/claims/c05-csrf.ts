import { z } from 'zod';
import { cite, notMeasured, RowVerdictSchema, type ClaimModule, type ProbeInput } from './claim-module';
import { allOf, SEED_000, type Verdict } from './verdicts';
import { list } from './words';

/** One request a browser could be tricked into sending, or one only another client sends, and what became of it. */
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

/**
 * The shapes a browser can be tricked into sending cross-site: C5 is judged on these. The others (no Origin, a
 * malformed or scheme-less one, a Host or x-forwarded-host made to match a foreign Origin) come only from a client
 * that is no browser, or a proxy passing its headers on; such a client holds no victim's cookies to ride on.
 */
export const BROWSER_CROSS_SITE: ReadonlySet<string> = new Set(['foreign', 'null', 'cross-site form']);

/** Each shape in the headline's words. */
const ORIGIN_WORDS: Record<string, string> = {
  foreign: 'a request with a foreign Origin',
  null: 'a request with Origin: null',
  none: 'a request with no Origin',
  'cross-site form': 'a real cross-site form',
  malformed: 'a request with a malformed Origin (http://)',
  'scheme-less': 'a request with a scheme-less Origin (host:port)',
  'spoofed host': 'a request with a foreign Origin and a Host header naming the same host',
  'forwarded host': 'a request with a foreign Origin and x-forwarded-host naming the same host',
};
/** Each shape in the summary's words, and the version comparison's. */
const SHORT_WORDS: Record<string, string> = {
  none: 'no Origin',
  'cross-site form': 'a cross-site form',
  malformed: 'a malformed Origin',
  'scheme-less': 'a scheme-less Origin',
  'spoofed host': 'a foreign Origin with a matching Host',
  'forwarded host': 'a foreign Origin with a matching x-forwarded-host',
};
export const originShort = (origin: string): string => SHORT_WORDS[origin] ?? `Origin ${origin}`;
const statusWords = (statuses: readonly (number | null)[]) =>
  list([...new Set(statuses.map((status) => (status === null ? 'no answer' : String(status))))]);

/**
 * C5: every action request a browser could be tricked into sending (BROWSER_CROSS_SITE) is refused, nothing
 * persisted: supported; any persisted: refuted. The same form submitted same-origin without JavaScript (C6's probe)
 * must work, or the cross-site refusal proves nothing. The shapes only another client sends are shown, not judged.
 * Route rows are the comparison.
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
    const judged = (row: (typeof rows)[number]) => row.transport === 'action' && BROWSER_CROSS_SITE.has(row.origin);
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
      `${originShort(row.origin)} → ${row.outcome} (${row.status ?? 'no answer'})`;
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
    const crossSite = rows.filter((row) => row.transport === 'action' && BROWSER_CROSS_SITE.has(row.origin));
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
    // Not judged, but named: an action that takes a lying Host is open behind a proxy that passes one on.
    const otherClients = rows.filter(
      (row) => row.transport === 'action' && !BROWSER_CROSS_SITE.has(row.origin) && row.persisted,
    );
    const others = otherClients.length
      ? ` From a client that is no browser (not judged), the action accepted ${list(otherClients.map((row) => ORIGIN_WORDS[row.origin] ?? row.origin))}.`
      : '';
    return `${action}${unprovenNote}${others}${routes}`;
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
