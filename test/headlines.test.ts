import { describe, expect, it } from 'vitest';
import { FINDINGS, headline } from '../reports/headlines';
import { evaluateClaims } from '../runner/claims/claims';
import { QUICK_REASON } from '../runner/claims/gating';
import type { Claim } from '../runner/results/schema';
import { syntheticResults } from './results-fixture';

type Row = Record<string, unknown>;

/** A claim result as runner/claims writes it; only the verdict and the evidence rows feed the headline. */
const claim = (
  id: string,
  verdict: Claim['verdict'],
  evidence: Row[],
  summary = 'The evaluator’s summary.',
): Claim => ({
  id,
  source: 'seeds/test.txt',
  quote: 'a quote',
  verdict,
  summary,
  evidence,
});

/** The headline, checked for what a reader must never see: a JSON key of its evidence, or a value that went missing. */
function read(result: Claim): string {
  const text = headline(result);
  for (const key of new Set(result.evidence.flatMap((row) => Object.keys(row))))
    if (/[a-z][A-Z]/.test(key)) expect(text).not.toContain(key);
  expect(text).not.toMatch(/undefined|NaN|\[object/);
  return text;
}

const c4aRow = (
  encoding: string,
  estimate: number,
  upperBound95: number,
  verdict: Claim['verdict'],
  extra: Row = {},
) => ({
  test: 'not faster (one-sided 95%)',
  estimate,
  ci95: [estimate - 0.07, estimate + 0.07],
  repeats: 5,
  connections: 10,
  encoding,
  upperBound95,
  verdict,
  ...extra,
});
const c4bRow = (encoding: string, estimate: number, ci90: [number, number], verdict: Claim['verdict']) => ({
  test: 'within ±15% (equivalence, 90% CI inside the band)',
  estimate,
  ci95: [ci90[0] - 0.01, ci90[1] + 0.01],
  repeats: 5,
  connections: 10,
  encoding,
  ci90,
  verdict,
});

describe('C4a and C4b: throughput under load', () => {
  it('C4a: the change in throughput and its upper bound per compression', () => {
    expect(
      read(
        claim('C4a', 'inconclusive', [
          c4aRow('gzip', 0.87, 0.93, 'supported'),
          c4aRow('identity', 1.01, 1.06, 'inconclusive'),
        ]),
      ),
    ).toBe(
      "Inconclusive: under load on the counter, with the browser's gzip at 10 connections the action's throughput is 13% lower than the route's (action / route 0.87, one-sided 95% upper bound 0.93): not faster; " +
        "without compression at 10 connections the action's throughput is 1% higher than the route's (action / route 1.01, one-sided 95% upper bound 1.06): undecided (the bound reaches 1).",
    );
    const held = read(
      claim('C4a', 'inconclusive', [c4aRow('gzip', 0.87, 0.93, 'inconclusive', { reason: QUICK_REASON })]),
    );
    expect(held).toContain('(action / route 0.87, one-sided 95% upper bound 0.93): held back.');
    expect(held).toContain(`1 of 1 row held back by rule: ${QUICK_REASON}.`);
  });

  it('C4b: the ratio and its 90% CI against ±15%', () => {
    expect(
      read(
        claim('C4b', 'depends', [
          c4bRow('gzip', 0.97, [0.93, 1.01], 'supported'),
          c4bRow('identity', 0.6, [0.55, 0.65], 'refuted'),
        ]),
      ),
    ).toBe(
      "Under load on the counter, action / route throughput is 0.97 (90% CI 0.93 to 1.01) with the browser's gzip at 10 connections: within ±15%; 0.60 (90% CI 0.55 to 0.65) without compression at 10 connections: outside ±15%.",
    );
    expect(read(claim('C4b', 'inconclusive', [c4bRow('gzip', 0.88, [0.8, 0.96], 'inconclusive')]))).toBe(
      "Inconclusive: under load on the counter, action / route throughput is 0.88 (90% CI 0.80 to 0.96) with the browser's gzip at 10 connections: undecided (the 90% CI crosses ±15%).",
    );
  });

  it('say what they need when the load suite did not run', () => {
    expect(read(claim('C4a', 'not-measured', [], 'Needs the HTTP suite with the counter scenario.'))).toBe(
      'Not measured in this run: needs the HTTP suite with the counter scenario.',
    );
  });
});

const csrfRow = (
  transport: string,
  path: string,
  origin: string,
  status: number | null,
  persisted: boolean,
  verdict: Claim['verdict'],
) => ({
  transport,
  path,
  origin,
  status,
  persisted,
  outcome: persisted ? 'accepted' : 'rejected',
  verdict,
});
const csrfRoutes = [
  ...['foreign', 'null', 'none', 'cross-site form'].map((origin) =>
    csrfRow('route', '/api/probe/csrf', origin, 200, true, 'not-measured'),
  ),
  ...['foreign', 'null', 'none', 'cross-site form'].map((origin) =>
    csrfRow(
      'route',
      '/api/probe/csrf-protected',
      origin,
      origin === 'none' ? 200 : 403,
      origin === 'none',
      'not-measured',
    ),
  ),
];

describe('C5: CSRF', () => {
  it('says what the action refused, with statuses, beside what the Route Handlers persisted', () => {
    const action = [
      csrfRow('action', '/probe/csrf', 'foreign', 403, false, 'supported'),
      csrfRow('action', '/probe/csrf', 'null', 403, false, 'supported'),
      csrfRow('action', '/probe/csrf', 'none', 200, true, 'not-measured'),
      csrfRow('action', '/probe/csrf', 'cross-site form', 403, false, 'supported'),
    ];
    expect(read(claim('C5', 'supported', [...action, ...csrfRoutes]))).toBe(
      'The action rejected a request with a foreign Origin, a request with Origin: null and a real cross-site form with nothing persisted (status 403). ' +
        'For comparison, Route Handlers persisted 4 of 4 of the same requests at /api/probe/csrf and 1 of 4 of the same requests at /api/probe/csrf-protected.',
    );
  });

  it('names what the action accepted, and a refusal that proves nothing', () => {
    expect(read(claim('C5', 'refuted', [csrfRow('action', '/probe/csrf', 'foreign', 200, true, 'refuted')]))).toBe(
      'The action accepted and persisted a request with a foreign Origin (status 200).',
    );
    const unproven = read(
      claim('C5', 'inconclusive', [
        csrfRow('action', '/probe/csrf', 'foreign', 403, false, 'supported'),
        csrfRow('action', '/probe/csrf', 'cross-site form', 403, false, 'inconclusive'),
      ]),
    );
    expect(unproven.startsWith('Inconclusive: the action rejected')).toBe(true);
    expect(unproven).toContain('The same form from its own origin did not work either, so refusing it proves nothing.');
  });
});

describe('C6: no JavaScript', () => {
  it('gives the status, whether it persisted and the count shown', () => {
    expect(
      read(
        claim('C6', 'supported', [
          { status: 200, countBefore: '4', countAfter: '5', persisted: true, shown: true, verdict: 'supported' },
        ]),
      ),
    ).toBe(
      'With JavaScript disabled, the form bound to an action answered 200, the mutation persisted, and the page it answered with showed 5 (before: 4).',
    );
    expect(
      read(
        claim('C6', 'refuted', [
          { status: 405, countBefore: '4', countAfter: null, persisted: false, shown: false, verdict: 'refuted' },
        ]),
      ),
    ).toBe(
      'With JavaScript disabled, the form bound to an action answered 405, the mutation did not persist, and the page it answered with showed nothing (before: 4), not the new count.',
    );
  });
});

describe('C7: caching', () => {
  const action = {
    measure: 'action response',
    method: 'POST',
    status: 200,
    cacheControl: 'private, no-cache, no-store, max-age=0, must-revalidate',
    verdict: 'supported',
  };
  const plain = {
    measure: 'GET Route Handler, default',
    route: 'default',
    path: '/api/probe/items',
    status: 200,
    cacheControl: null,
    freshAfterMutation: true,
    verdict: 'supported',
  };
  const optIn = (fresh: boolean) => ({
    measure: 'GET Route Handler opting into caching (control)',
    route: 'opt-in',
    path: '/api/probe/items-cached',
    status: 200,
    cacheControl: 's-maxage=60',
    freshAfterMutation: fresh,
    verdict: 'not-measured',
  });

  it("gives the action's header, the default GET's freshness and the control's", () => {
    expect(read(claim('C7', 'supported', [action, plain, optIn(false)]))).toBe(
      "The action's POST answered 200 with Cache-Control: private, no-cache, no-store, max-age=0, must-revalidate; a default GET Route Handler read right after a mutation was fresh, with no Cache-Control header, while the control route that opts into caching read stale.",
    );
  });

  it('is inconclusive when the control reads fresh too', () => {
    const text = read(claim('C7', 'inconclusive', [action, { ...plain, verdict: 'inconclusive' }, optIn(true)]));
    expect(text.startsWith("Inconclusive: the action's POST answered 200")).toBe(true);
    expect(text).toContain('but the control route that opts into caching read fresh too, so freshness proves nothing.');
  });
});

describe('C8: public, stable endpoints', () => {
  const called = (
    action: string,
    importedByClient: boolean,
    inBuild: boolean,
    status: number | null,
    persisted: boolean,
  ) => ({
    action,
    importedByClient,
    inBuild,
    status,
    persisted,
    verdict: persisted ? 'supported' : 'refuted',
  });

  it('counts the actions callable by id, the unimported one included, and the ids kept across builds', () => {
    const ids = [
      { build: 'again with the key', actions: 3, sameAsMeasured: 3, verdict: 'supported' },
      { build: 'without the key', actions: 3, sameAsMeasured: 0, verdict: 'not-measured' },
    ];
    expect(
      read(
        claim('C8', 'supported', [
          called('increment', true, true, 200, true),
          called('unusedExport', false, true, 200, true),
          ...ids,
        ]),
      ),
    ).toBe(
      'Called from a plain HTTP client with only its id, 2 of 2 actions persisted their mutation, including unusedExport, which no client imports. Rebuilt from the same sources: again with the key, 3 of 3 ids unchanged; without the key, 0 of 3 ids unchanged.',
    );
  });

  it('names the action that could not be called, and says stability was not measured', () => {
    expect(
      read(
        claim('C8', 'refuted', [
          called('increment', true, true, 200, true),
          called('unusedExport', false, false, null, false),
        ]),
      ),
    ).toBe(
      'Called from a plain HTTP client with only its id, 1 of 2 actions persisted their mutation; not callable: unusedExport (imported by no client, not in the build). Whether ids stay the same across builds was not measured (run with --build-probes).',
    );
  });
});

describe('C9 and C10: code and JavaScript', () => {
  it('C9: lines per variant, route → action, against the claimed 30–40%', () => {
    const row = (
      scenario: string,
      variant: string,
      routeLines: number,
      actionLines: number,
      verdict: Claim['verdict'],
    ) => ({
      scenario,
      variant,
      routeLines,
      actionLines,
      reduction: 1 - actionLines / routeLines,
      verdict,
    });
    expect(
      read(
        claim('C9', 'depends', [
          row('counter', 'route', 40, 26, 'supported'),
          row('revalidate', 'route-json', 40, 30, 'refuted'),
          row('revalidate', 'route-query', 20, 30, 'refuted'),
        ]),
      ),
    ).toBe(
      "Each variant's own code, route → action: counter route 40 → 26 lines (35% less), revalidate route-json 40 → 30 lines (25% less) and revalidate route-query 20 → 30 lines (50% more). The claimed 30%–40% less holds for 1 of 3.",
    );
  });

  it('C10: gzip KB per page, action against route, and the difference', () => {
    const row = (actionGzipBytes: number, routeGzipBytes: number, verdict: Claim['verdict']) => ({
      scenario: 'counter',
      variant: 'route',
      routeGzipBytes,
      actionGzipBytes,
      routeRawBytes: routeGzipBytes * 3,
      actionRawBytes: actionGzipBytes * 3,
      differenceBytes: actionGzipBytes - routeGzipBytes,
      verdict,
    });
    expect(read(claim('C10', 'supported', [row(120_000, 121_000, 'supported')]))).toBe(
      'JavaScript a fresh page load fetches, gzip: counter action 117.2 KB vs route 118.2 KB (−1.0 KB). The action page loads no more in 1 of 1.',
    );
    expect(read(claim('C10', 'refuted', [row(124_000, 121_000, 'refuted')]))).toContain(
      'counter action 121.1 KB vs route 118.2 KB (+2.9 KB). The action page loads no more in 0 of 1.',
    );
  });
});

describe('C12: middleware', () => {
  const row = (request: string, method: string, path: string, proxySaw: string | null) => ({
    request,
    method,
    path,
    status: 200,
    proxySaw,
  });

  it('says which requests the middleware saw, the control apart', () => {
    expect(
      read(
        claim('C12', 'supported', [
          row('action', 'POST', '/probe/middleware', 'action'),
          row('route', 'POST', '/api/probe/middleware', 'route'),
          row('unmatched page', 'GET', '/probe/unmatched', null),
        ]),
      ),
    ).toBe(
      "The fixture's middleware saw the action (POST /probe/middleware) and the route (POST /api/probe/middleware), not the unmatched page (the control, GET /probe/unmatched).",
    );
  });

  it('is inconclusive when the control was marked', () => {
    expect(
      read(
        claim('C12', 'inconclusive', [
          row('action', 'POST', '/probe/middleware', 'x'),
          row('route', 'POST', '/api/probe/middleware', 'x'),
          row('unmatched page', 'GET', '/probe/unmatched', 'x'),
        ]),
      ),
    ).toBe(
      "Inconclusive: the fixture's middleware saw the action (POST /probe/middleware), the route (POST /api/probe/middleware) and the unmatched page (the control, GET /probe/unmatched); it should not see the control, so the marks prove nothing.",
    );
  });
});

describe('C13: server-only secrets', () => {
  const evidence = (containing: string[]) => [
    {
      where: 'a build with a client component importing the server-only module',
      buildFailed: true,
      message: "'server-only' cannot be imported from a Client Component module",
    },
    { where: 'client build output (.next/static)', files: 312, bytes: 4_100_000, containing },
    {
      where: 'browser: every response of the probe page and its action call',
      responses: 25,
      bytes: 1_200_000,
      containing: [],
    },
    { where: 'server used the secret', action: true, route: true, actionResponseScanned: true },
  ];

  it('gives what was scanned, in files and MB, and the build guard', () => {
    expect(read(claim('C13', 'supported', evidence([])))).toBe(
      'The server-only secret, used by both the action and the Route Handler, was in none of 312 client build files (4.1 MB) and in none of 25 responses the browser loaded (1.2 MB). Imported into a client component by mistake, the build failed.',
    );
    expect(read(claim('C13', 'refuted', evidence(['static/chunks/app/page.js'])))).toContain(
      'was in 1 (static/chunks/app/page.js) of 312 client build files (4.1 MB)',
    );
  });
});

describe('every claim gets a headline', () => {
  it('a run that measured nothing says so for every claim, and every measurable claim has its own words', () => {
    const claims = evaluateClaims({ run: { profile: 'standard', minLoads: 8 } });
    for (const result of claims) {
      expect(read(result)).toMatch(/^Not measured/);
      expect(read(result)).not.toContain('`');
      // C1-C3 speak through their summaries (runner/claims writes them whole); every other claim has its own words.
      if (!['C1', 'C2', 'C3'].includes(result.id)) expect(Object.keys(FINDINGS)).toContain(result.id);
    }
  });

  it('reads the rows the evaluators write (a synthetic run): C1 and C2 answer with their numbers', () => {
    const claims = syntheticResults().claims;
    const [c1, c2] = ['C1', 'C2'].map((id) => claims.find((result) => result.id === id)!);
    expect(read(c1!)).toMatch(/route-query in Chrome with input deferral off: [\d.]+ ms \+ [\d.]+ × RTT \(slope CI /);
    expect(read(c2!)).toMatch(/action 1 in 100% of \d+, route-refresh 2 in 100% of \d+/);
  });

  it('a claim it has no words for answers with its summary', () => {
    expect(read(claim('C99', 'supported', [{ x: 1 }], 'A new claim, summarized.'))).toBe('A new claim, summarized.');
    expect(read(claim('C99', 'inconclusive', [{ x: 1 }], 'A new claim, summarized.'))).toBe(
      'Inconclusive: a new claim, summarized.',
    );
  });
});
