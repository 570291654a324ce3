import { z } from 'zod';
import { cite, notMeasured, type ClaimModule, type ProbeInput } from './claim-module';
import { SEED_000, type Verdict } from './verdicts';
import { list } from './words';

/** One request through the fixture's proxy, and the mark it left on the response (or none). */
const Row = z.object({
  request: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number(),
  proxySaw: z.string().nullable(),
});
type Row = z.infer<typeof Row>;

/**
 * C12: the proxy marked the action's POST and the route's POST alike (supported); it missed the action (refuted).
 * The unmatched page is the control: a mark there means the probe reads something other than the proxy's run.
 */
export const c12: ClaimModule<Row, ProbeInput> = {
  id: 'C12',
  source: SEED_000,
  quote: 'Next.js 15+ handles Server Action requests through middleware just like any other request.',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const rows = probes?.middleware ?? [];
    if (!rows.length) return notMeasured(c12);
    const seen = (request: string) => rows.find((row) => row.request === request)?.proxySaw ?? null;
    const controlClean = seen('unmatched page') === null;
    const verdict: Verdict =
      !controlClean || seen('route') === null ? 'inconclusive' : seen('action') !== null ? 'supported' : 'refuted';
    const describe = (row: (typeof rows)[number]) =>
      `${row.method} ${row.path} (${row.request}, ${row.status}): ${row.proxySaw === null ? 'not seen' : `"${row.proxySaw}"`}`;
    return {
      ...cite(c12),
      verdict,
      summary: `What the fixture's Next proxy (bench-app/proxy.ts) marked on each response: ${rows.map(describe).join('; ')}.`,
      evidence: rows.map((row) => ({ ...row })),
    };
  },
  headline(rows) {
    const describe = (row: Row) =>
      `the ${row.request} (${row.request === 'unmatched page' ? 'the control, ' : ''}${row.method} ${row.path})`;
    const seen = rows.filter((row) => row.proxySaw !== null);
    const unseen = rows.filter((row) => row.proxySaw === null);
    const controlSeen = seen.some((row) => row.request === 'unmatched page');
    return `The fixture's middleware saw ${seen.length ? list(seen.map(describe)) : 'no request'}${unseen.length ? `, not ${list(unseen.map(describe))}` : ''}${
      controlSeen ? '; it should not see the control, so the marks prove nothing' : ''
    }.`;
  },
  headings: {
    request: 'request',
    method: 'method',
    path: 'path',
    status: 'status',
    proxySaw: 'the proxy saw it',
  },
};
