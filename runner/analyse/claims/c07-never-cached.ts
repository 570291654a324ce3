import { z } from 'zod';
import { cite, notMeasured, RowVerdictSchema, type ClaimModule, type ProbeInput } from './claim-module';
import { combineVerdicts, SEED_000, type Verdict } from './verdicts';

/** A Cache-Control value that lets no shared or browser cache reuse the response (absent counts: nothing to reuse by). */
export function uncacheable(cacheControl: string | null): boolean {
  if (cacheControl === null) return true;
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((directive) => directive.trim());
  if (directives.some((directive) => directive === 'no-store' || directive === 'no-cache' || directive === 'private'))
    return true;
  return !directives.some((directive) => /^(s-maxage|max-age)=[1-9]/.test(directive));
}

/** The action's POST response. */
const ActionRow = z.object({
  measure: z.string(),
  method: z.string(),
  status: z.number(),
  cacheControl: z.string().nullable(),
  verdict: RowVerdictSchema,
});
/** A GET Route Handler read right after a mutation: the default one, or the control that opts into caching. */
const RouteRow = z.object({
  measure: z.string(),
  route: z.string(),
  path: z.string(),
  status: z.number(),
  cacheControl: z.string().nullable(),
  freshAfterMutation: z.boolean(),
  verdict: RowVerdictSchema,
});
const Row = z.union([ActionRow, RouteRow]);
type RouteRow = z.infer<typeof RouteRow>;

/**
 * C7: the action's response is a POST marked uncacheable; a default GET Route Handler serves the mutation on the
 * next read and is not marked cacheable. The opt-in route is the control: it must read stale, or freshness proved
 * nothing and the GET row is inconclusive.
 */
export const c07: ClaimModule<z.infer<typeof Row>, ProbeInput> = {
  id: 'C7',
  source: SEED_000,
  quote: 'Never cached (Always POST) ... API routes are dynamic by default unless you explicitly opt-in to caching',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const caching = probes?.caching;
    if (!caching) return notMeasured(c07);
    const byRoute = (route: 'default' | 'opt-in') => caching.routes.find((row) => row.route === route);
    const [plain, optIn] = [byRoute('default'), byRoute('opt-in')];
    const actionVerdict: Verdict =
      caching.action.status === 200 && uncacheable(caching.action.cacheControl) ? 'supported' : 'refuted';
    const controlWorks = optIn !== undefined && !optIn.freshAfterMutation;
    const routeVerdict: Verdict =
      !plain || !controlWorks
        ? 'inconclusive'
        : plain.freshAfterMutation && uncacheable(plain.cacheControl)
          ? 'supported'
          : 'refuted';
    const header = (value: string | null) => (value === null ? 'no Cache-Control' : `Cache-Control "${value}"`);
    const rows = [
      {
        measure: 'action response',
        method: 'POST',
        status: caching.action.status,
        cacheControl: caching.action.cacheControl,
        verdict: actionVerdict,
      },
      ...(plain ? [{ measure: 'GET Route Handler, default', ...plain, verdict: routeVerdict }] : []),
      ...(optIn
        ? [{ measure: 'GET Route Handler opting into caching (control)', ...optIn, verdict: 'not-measured' as Verdict }]
        : []),
    ];
    return {
      ...cite(c07),
      verdict: combineVerdicts([actionVerdict, routeVerdict]),
      summary: `The action answered a POST with ${header(caching.action.cacheControl)}. ${
        plain
          ? `A default GET Route Handler read right after a mutation ${plain.freshAfterMutation ? 'showed it' : 'did not show it (stale)'}, with ${header(plain.cacheControl)}. `
          : ''
      }${optIn ? `The control route that opts into caching read ${optIn.freshAfterMutation ? 'fresh (so freshness above proves nothing)' : 'stale'}, with ${header(optIn.cacheControl)}.` : ''}`,
      evidence: rows,
    };
  },
  headline(rows) {
    const action = rows.find((row) => 'method' in row && row.method === 'POST');
    if (!action) return null;
    const routes = rows.filter((row): row is RouteRow => 'route' in row);
    const [plain, optIn] = (['default', 'opt-in'] as const).map((route) => routes.find((row) => row.route === route));
    const header = (value: string | null) => (value === null ? 'no Cache-Control header' : `Cache-Control: ${value}`);
    const read = (row: RouteRow) => (row.freshAfterMutation ? 'fresh' : 'stale');
    const route = plain
      ? `; a default GET Route Handler read right after a mutation was ${read(plain)}, with ${header(plain.cacheControl)}`
      : '; no default GET Route Handler was read';
    const control = !optIn
      ? ', and with no control route read, freshness proves nothing'
      : optIn.freshAfterMutation
        ? ', but the control route that opts into caching read fresh too, so freshness proves nothing'
        : ', while the control route that opts into caching read stale';
    return `The action's POST answered ${action.status} with ${header(action.cacheControl)}${route}${control}.`;
  },
  headings: {
    measure: 'measure',
    method: 'method',
    status: 'status',
    cacheControl: 'Cache-Control',
    verdict: 'verdict',
    route: 'route',
    path: 'path',
    freshAfterMutation: 'fresh after a mutation',
  },
};
