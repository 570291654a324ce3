import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, type AppServer } from '../../runner/measure/fixture/app-server';
import { launchChromium, requireChromium } from '../../runner/measure/browser/chromium';
import os from 'node:os';
import { PLANTED_SECRET } from '../../runner/measure/fixture/app-server';
import { c05 } from '../../runner/analyse/claims/c05-csrf';
import { c06 } from '../../runner/analyse/claims/c06-no-javascript';
import { c07, uncacheable } from '../../runner/analyse/claims/c07-never-cached';
import { c08 } from '../../runner/analyse/claims/c08-public-endpoints';
import { c09 } from '../../runner/analyse/claims/c09-boilerplate';
import { c10 } from '../../runner/analyse/claims/c10-less-javascript';
import { c12 } from '../../runner/analyse/claims/c12-middleware';
import { c13 } from '../../runner/analyse/claims/c13-secrets';
import { probeBuilds } from '../../runner/measure/probes/builds';
import { probeCsrf, type CsrfRow } from '../../runner/measure/probes/csrf';
import { probeNoJs } from '../../runner/measure/probes/nojs';
import { probePublicActions } from '../../runner/measure/probes/public-actions';
import { probeMiddleware, type MiddlewareProbeRow } from '../../runner/measure/probes/middleware';
import { filesContaining, probeSecrets, type SecretsProbe } from '../../runner/measure/probes/secrets';
import { probeCaching, type CachingProbe } from '../../runner/measure/probes/caching';
import { measureClientJs } from '../../runner/measure/probes/client-js';
import { countCodeLines, measureTransportCode } from '../../runner/measure/probes/transport-code';
import type { Claim, ProbeResults } from '../../runner/contract/results';
import { SCENARIOS, scenarioById } from '../../runner/scenarios';
import { startTestFixture } from '../support/fixture-server';

/** A probe claim's verdict on these probe results, as evaluateClaims reaches it. */
const judge = (claim: { evaluate(input: { probes?: ProbeResults }): Claim }, probes: ProbeResults | undefined) =>
  claim.evaluate({ probes });

describe('countCodeLines', () => {
  it('counts lines with a token that is not a comment: strings, templates and JSX text included', () => {
    const source = [
      '// a header comment',
      '/* a block',
      '   comment */',
      "import x from 'y'; // a trailing comment",
      '',
      'const url = "http://example.com"; // a // inside a string is code',
      'const text = `line one',
      'line two`;',
      '   ',
      'export const view = <p>see // here</p>;',
      '/** doc */ export const after = 1;',
    ].join('\n');
    expect(countCodeLines(source)).toBe(6);
    expect(countCodeLines('')).toBe(0);
    expect(countCodeLines('// only\n/* comments */\n')).toBe(0);
  });

  it('counts the counter fixture as a person would', () => {
    // app/counter/actions.ts: 'use server', the import, the function's three lines.
    // app/counter/action/page.tsx: four imports, the component's six lines (prettier wraps its JSX in parentheses).
    const [action, route] = measureTransportCode([scenarioById('counter')]);
    expect(action).toMatchObject({
      scenario: 'counter',
      variant: 'action',
      lines: 15,
      files: [
        { path: 'app/counter/actions.ts', lines: 5 },
        { path: 'app/counter/action/page.tsx', lines: 10 },
      ],
    });
    expect(route!.variant).toBe('route');
    expect(route!.lines).toBe(route!.files.reduce((sum, file) => sum + file.lines, 0));
  });

  it('names only files that exist, and every variant of every scenario', () => {
    for (const scenario of SCENARIOS) {
      expect(Object.keys(scenario.transportFiles).sort()).toEqual(Object.keys(scenario.expectedRoundTrips).sort());
      for (const file of Object.values(scenario.transportFiles).flat())
        expect(fs.existsSync(path.join(APP_DIR, file)), file).toBe(true);
    }
  });
});

const probes = (transportCode: [string, number][], clientJs: [string, number][]): ProbeResults => ({
  transportCode: transportCode.map(([variant, lines]) => ({ scenario: 'revalidate', variant, lines, files: [] })),
  clientJs: clientJs.map(([variant, gzipBytes]) => ({
    scenario: 'revalidate',
    variant,
    scripts: 3,
    rawBytes: gzipBytes * 3,
    gzipBytes,
    files: [],
  })),
});

describe('C9: 30-40% less boilerplate', () => {
  it('supports inside the band, refutes outside, depends when rows disagree', () => {
    expect(
      judge(
        c09,
        probes(
          [
            ['action', 65],
            ['route-json', 100],
          ],
          [],
        ),
      ).verdict,
    ).toBe('supported');
    expect(
      judge(
        c09,
        probes(
          [
            ['action', 30],
            ['route-json', 100],
          ],
          [],
        ),
      ).verdict,
    ).toBe('refuted');
    // 50 lines less of 80 is 62%: more than claimed is also outside the claim.
    expect(
      judge(
        c09,
        probes(
          [
            ['action', 65],
            ['route-json', 100],
            ['route-query', 170],
          ],
          [],
        ),
      ).verdict,
    ).toBe('depends');
    const claim = judge(
      c09,
      probes(
        [
          ['action', 13],
          ['route-json', 40],
        ],
        [],
      ),
    );
    expect(claim.summary).toContain('revalidate route-json 40 → action 13 (68% less)');
  });

  it('is not-measured without the probes suite', () => {
    expect(c09.evaluate({ probes: undefined }).verdict).toBe('not-measured');
    expect(judge(c09, probes([['route-json', 40]], [])).verdict).toBe('not-measured');
  });
});

describe('C10: less JavaScript sent to the client', () => {
  it('supports when the action page loads no more (within 2%), refutes when it loads more', () => {
    expect(
      judge(
        c10,
        probes(
          [],
          [
            ['action', 100_000],
            ['route-json', 120_000],
          ],
        ),
      ).verdict,
    ).toBe('supported');
    expect(
      judge(
        c10,
        probes(
          [],
          [
            ['action', 101_000],
            ['route-json', 100_000],
          ],
        ),
      ).verdict,
    ).toBe('supported');
    expect(
      judge(
        c10,
        probes(
          [],
          [
            ['action', 103_000],
            ['route-json', 100_000],
          ],
        ),
      ).verdict,
    ).toBe('refuted');
    expect(
      judge(
        c10,
        probes(
          [],
          [
            ['action', 110_000],
            ['route-json', 100_000],
            ['route-query', 130_000],
          ],
        ),
      ).verdict,
    ).toBe('depends');
  });

  it('is not-measured without the probes suite', () => {
    expect(c10.evaluate({ probes: undefined }).verdict).toBe('not-measured');
  });
});

const caching = (
  actionCacheControl: string | null,
  defaultFresh: boolean,
  controlFresh: boolean,
  defaultCacheControl: string | null = null,
): ProbeResults => ({
  clientJs: [],
  transportCode: [],
  caching: {
    action: { method: 'POST', status: 200, cacheControl: actionCacheControl },
    routes: [
      {
        route: 'default',
        path: '/api/revalidate?scope=x',
        status: 200,
        cacheControl: defaultCacheControl,
        freshAfterMutation: defaultFresh,
      },
      {
        route: 'opt-in',
        path: '/api/probe/cached-items',
        status: 200,
        cacheControl: 's-maxage=31536000',
        freshAfterMutation: controlFresh,
      },
    ],
  },
});

describe('C7: actions never cached, GET Route Handlers dynamic by default', () => {
  const noStore = 'no-cache, no-store, max-age=0, must-revalidate';

  it('reads Cache-Control as caches do', () => {
    expect(uncacheable(null)).toBe(true);
    expect(uncacheable(noStore)).toBe(true);
    expect(uncacheable('public, max-age=0')).toBe(true);
    expect(uncacheable('s-maxage=31536000')).toBe(false);
    expect(uncacheable('public, max-age=60')).toBe(false);
  });

  it('supports, refutes, and is inconclusive when the control shows no caching either', () => {
    expect(judge(c07, caching(noStore, true, false)).verdict).toBe('supported');
    expect(judge(c07, caching('public, max-age=60', true, false)).verdict).toBe('depends');
    expect(judge(c07, caching(noStore, false, false)).verdict).toBe('depends');
    expect(judge(c07, caching(noStore, true, false, 's-maxage=60')).verdict).toBe('depends');
    // The opt-in route read fresh too: the probe cannot tell a cache from none, so the GET row proves nothing.
    expect(judge(c07, caching(noStore, true, true)).evidence[1]).toMatchObject({ verdict: 'inconclusive' });
    expect(judge(c07, caching(noStore, true, true)).verdict).toBe('inconclusive');
    expect(c07.evaluate({ probes: undefined }).verdict).toBe('not-measured');
  });
});

const middleware = (action: boolean, route: boolean, unmatched: boolean): ProbeResults => ({
  clientJs: [],
  transportCode: [],
  middleware: [
    {
      request: 'action',
      method: 'POST',
      path: '/probe/payload',
      status: 200,
      proxySaw: action ? 'saw POST /probe/payload' : null,
    },
    {
      request: 'route',
      method: 'POST',
      path: '/api/probe/seen',
      status: 200,
      proxySaw: route ? 'saw POST /api/probe/seen' : null,
    },
    {
      request: 'unmatched page',
      method: 'GET',
      path: '/counter/action',
      status: 200,
      proxySaw: unmatched ? 'saw GET /counter/action' : null,
    },
  ] satisfies MiddlewareProbeRow[],
});

describe('C12: actions go through middleware like any request', () => {
  it('supports when the proxy saw both, refutes when it missed the action, and needs a clean control', () => {
    expect(judge(c12, middleware(true, true, false)).verdict).toBe('supported');
    expect(judge(c12, middleware(false, true, false)).verdict).toBe('refuted');
    expect(judge(c12, middleware(true, true, true)).verdict).toBe('inconclusive');
    expect(judge(c12, middleware(true, false, false)).verdict).toBe('inconclusive');
    expect(c12.evaluate({ probes: undefined }).verdict).toBe('not-measured');
  });
});

const secrets = (overrides: Partial<SecretsProbe>): ProbeResults => ({
  clientJs: [],
  transportCode: [],
  secrets: {
    clientFiles: { scanned: 19, bytes: 600_000, containing: [] },
    browser: { responses: 9, bytes: 500_000, containing: [] },
    actionUsedSecret: true,
    routeUsedSecret: true,
    signatureSeen: true,
    ...overrides,
  },
});

describe('C13: a server-only secret never reaches the bundle', () => {
  it('supports an absence that could have been seen, refutes a leak, and is inconclusive when absence proves nothing', () => {
    expect(judge(c13, secrets({})).verdict).toBe('supported');
    expect(judge(c13, secrets({ clientFiles: { scanned: 19, bytes: 1, containing: ['chunks/app.js'] } })).verdict).toBe(
      'refuted',
    );
    expect(judge(c13, secrets({ browser: { responses: 9, bytes: 1, containing: ['response 4'] } })).verdict).toBe(
      'refuted',
    );
    expect(judge(c13, secrets({ actionUsedSecret: false })).verdict).toBe('inconclusive');
    expect(judge(c13, secrets({ signatureSeen: false })).verdict).toBe('inconclusive');
    expect(c13.evaluate({ probes: undefined }).verdict).toBe('not-measured');
  });

  it('finds a needle in nested files and counts what it read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-scan-'));
    try {
      fs.mkdirSync(path.join(dir, 'chunks'));
      fs.writeFileSync(path.join(dir, 'chunks', 'a.js'), `const x = "${PLANTED_SECRET}";`);
      fs.writeFileSync(path.join(dir, 'b.js'), 'nothing here');
      expect(filesContaining(dir, PLANTED_SECRET)).toEqual({
        scanned: 2,
        bytes: 12 + PLANTED_SECRET.length + 13,
        containing: ['chunks/a.js'],
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const csrfRows = (actionPersists: (origin: CsrfRow['origin']) => boolean): CsrfRow[] => [
  ...(['foreign', 'null', 'none'] as const).map((origin) => ({
    transport: 'action' as const,
    path: '/counter/action',
    origin,
    status: actionPersists(origin) ? 200 : 500,
    persisted: actionPersists(origin),
  })),
  {
    transport: 'action',
    path: '/probe/csrf',
    origin: 'cross-site form',
    status: actionPersists('cross-site form') ? 200 : 500,
    persisted: actionPersists('cross-site form'),
  },
  { transport: 'route', path: '/api/counter', origin: 'cross-site form', status: 200, persisted: true },
];
const withCsrf = (rows: CsrfRow[], formWorks = true): ProbeResults => ({
  clientJs: [],
  transportCode: [],
  csrf: rows,
  noJs: { status: 200, countBefore: '0', countAfter: '1', persisted: formWorks },
});

describe('C5: actions prevent CSRF', () => {
  it('supports when every browser-reachable cross-site action request is refused, whatever the routes do', () => {
    const claim = judge(c05, withCsrf(csrfRows((origin) => origin === 'none')));
    expect(claim.verdict).toBe('supported');
    // No Origin is no browser's cross-site POST: shown, not judged; the route rows are the comparison.
    expect(
      claim.evidence.filter((row) => row.verdict === 'not-measured').map((row) => `${row.transport} ${row.origin}`),
    ).toEqual(['action none', 'route cross-site form']);
  });

  it('refutes when one persisted, and holds the form row back when the same form does not work same-origin', () => {
    expect(judge(c05, withCsrf(csrfRows((origin) => origin !== 'foreign'))).verdict).toBe('refuted');
    expect(
      judge(
        c05,
        withCsrf(
          csrfRows((origin) => origin === 'none'),
          false,
        ),
      ).verdict,
    ).toBe('inconclusive');
    expect(c05.evaluate({ probes: undefined }).verdict).toBe('not-measured');
  });
});

describe('C6 and C8', () => {
  it('C6: supported only when the no-JS form persisted and the answered page shows it', () => {
    const noJs = (persisted: boolean, countAfter: string): ProbeResults => ({
      clientJs: [],
      transportCode: [],
      noJs: { status: 200, countBefore: '0', countAfter, persisted },
    });
    expect(judge(c06, noJs(true, '1')).verdict).toBe('supported');
    expect(judge(c06, noJs(false, '0')).verdict).toBe('refuted');
    expect(judge(c06, noJs(true, '0')).verdict).toBe('refuted');
    expect(c06.evaluate({ probes: undefined }).verdict).toBe('not-measured');
  });

  it('C8: supported when every action answers a plain client, refuted when one is not callable', () => {
    const row = (action: string, persisted: boolean) => ({
      action,
      importedByClient: action === 'used',
      inBuild: persisted,
      status: persisted ? 200 : null,
      persisted,
    });
    expect(
      judge(c08, { clientJs: [], transportCode: [], publicActions: [row('used', true), row('unused', true)] }).verdict,
    ).toBe('supported');
    expect(
      judge(c08, { clientJs: [], transportCode: [], publicActions: [row('used', true), row('unused', false)] }).verdict,
    ).toBe('refuted');
    expect(c08.evaluate({ probes: undefined }).verdict).toBe('not-measured');
  });
});

describe('the behaviour probes against the fixture', () => {
  let server: AppServer;
  let browser: Browser;
  let dbPath: string;

  beforeAll(async () => {
    ({ server, dbPath } = await startTestFixture());
    browser = await launchChromium(requireChromium(), { deferAfterInput: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the proxy marks the action's POST and the route's, never the measured pages", async () => {
    expect((await probeMiddleware(server.origin)).map((row) => [row.request, row.status, row.proxySaw])).toEqual([
      ['action', 200, 'saw POST /probe/payload'],
      ['route', 200, 'saw POST /api/probe/seen'],
      ['unmatched page', 200, null],
    ]);
  });

  it('CSRF: the action refuses cross-site requests, the JSON route takes a cross-site form, the route with an Origin check refuses it', async () => {
    const rows = await probeCsrf({ browser, origin: server.origin, dbPath, timeoutMs: 10_000 });
    const outcome = (path: string) =>
      rows.filter((row) => row.path === path).map((row) => `${row.origin}: ${row.persisted ? 'accepted' : 'rejected'}`);
    // Next's check: a malformed Origin throws before it, a scheme-less one has an empty host and passes as none, and a
    // Host or x-forwarded-host repeating the Origin's host passes the comparison.
    expect(outcome('/counter/action')).toEqual([
      'foreign: rejected',
      'null: rejected',
      'none: accepted',
      'malformed: rejected',
      'scheme-less: accepted',
      'spoofed host: accepted',
      'forwarded host: accepted',
    ]);
    expect(outcome('/probe/csrf')).toEqual(['cross-site form: rejected']);
    expect(outcome('/api/counter')).toEqual([
      'foreign: accepted',
      'null: accepted',
      'none: accepted',
      'malformed: accepted',
      'scheme-less: accepted',
      'spoofed host: accepted',
      'forwarded host: accepted',
      'cross-site form: accepted',
    ]);
    // The control: a route with CSRF protection added turns the route rows to rejected. Its check reads Host only,
    // so a spoofed Host passes it and x-forwarded-host does not.
    expect(outcome('/api/probe/csrf-protected')).toEqual([
      'foreign: rejected',
      'null: rejected',
      'none: accepted',
      'malformed: rejected',
      'scheme-less: rejected',
      'spoofed host: accepted',
      'forwarded host: rejected',
      'cross-site form: rejected',
    ]);
    const noJs = await probeNoJs({ browser, origin: server.origin, dbPath, timeoutMs: 10_000 });
    expect(noJs).toEqual({ status: 200, countBefore: '0', countAfter: '1', persisted: true });
    expect(c05.evaluate({ probes: { clientJs: [], transportCode: [], csrf: rows, noJs } }).verdict).toBe('supported');
  });

  it('public endpoints: the action no client imports is in the build and callable with its id', async () => {
    expect(await probePublicActions({ origin: server.origin, dbPath })).toEqual([
      { action: 'incrementAction', importedByClient: true, inBuild: true, status: 200, persisted: true },
      { action: 'incrementUnused', importedByClient: false, inBuild: true, status: 200, persisted: true },
    ]);
  });

  it('extra builds: ids unchanged with the key, all new without it, and a server-only import into a client fails the build', async () => {
    const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-builds-'));
    const tsconfigBefore = fs.readFileSync(path.join(APP_DIR, 'tsconfig.json'), 'utf8');
    try {
      const builds = await probeBuilds(logs);
      const [again, withoutKey] = builds.actionIds;
      expect(again).toMatchObject({ build: 'again with the key' });
      expect(again!.actions).toBeGreaterThanOrEqual(8);
      expect(again!.sameAsMeasured).toBe(again!.actions);
      expect(withoutKey).toMatchObject({ build: 'without the key', sameAsMeasured: 0 });
      expect(builds.serverOnlyMisuse.buildFailed).toBe(true);
      expect(builds.serverOnlyMisuse.message).toMatch(/server-only/);
      // The probe builds leave no folder behind, tsconfig.json as it was, and the measured build untouched.
      expect(fs.readdirSync(APP_DIR).filter((name) => name.startsWith('.next-probe'))).toEqual([]);
      expect(fs.readFileSync(path.join(APP_DIR, 'tsconfig.json'), 'utf8')).toBe(tsconfigBefore);
      expect(await (await fetch(`${server.origin}/counter/action?scope=builds`)).text()).toContain('counter');
    } finally {
      fs.rmSync(logs, { recursive: true, force: true });
    }
  }, 300_000);

  it('the planted secret signs on the server, and the scans that would see it find it nowhere', async () => {
    const probe = await probeSecrets(browser, server.origin, 10_000);
    expect(probe).toMatchObject({
      actionUsedSecret: true,
      routeUsedSecret: true,
      signatureSeen: true,
      clientFiles: { containing: [] },
      browser: { containing: [] },
    });
    expect(probe.clientFiles.scanned).toBeGreaterThan(5);
    expect(probe.browser.responses).toBeGreaterThan(5);
  });

  it("sees the action's no-store, the default GET fresh and the opt-in control stale", async () => {
    const probe: CachingProbe = await probeCaching(server.origin);
    expect(probe.action).toEqual({
      method: 'POST',
      status: 200,
      cacheControl: 'no-cache, no-store, max-age=0, must-revalidate',
    });
    expect(probe.routes.map((row) => [row.route, row.status, row.freshAfterMutation])).toEqual([
      ['default', 200, true],
      ['opt-in', 200, false],
    ]);
    expect(probe.routes[1]!.cacheControl).toMatch(/s-maxage=\d+/);
    expect(c07.evaluate({ probes: { clientJs: [], transportCode: [], caching: probe } }).verdict).toBe('supported');
  });
});

describe('client JavaScript per page, in Chromium', () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server } = await startTestFixture());
    browser = await launchChromium(requireChromium(), { deferAfterInput: false });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("counts exactly the build's chunk files each page loads, and the same on a second load", async () => {
    const rows = await measureClientJs(browser, server.origin, ['counter', 'revalidate'], 10_000);
    expect(rows.map((row) => `${row.scenario}/${row.variant}`)).toEqual([
      'counter/action',
      'counter/route',
      'revalidate/action',
      'revalidate/route-refresh',
      'revalidate/route-json',
      'revalidate/route-query',
    ]);
    for (const row of rows) {
      expect(row.scripts).toBeGreaterThan(3);
      // Every script is a file of the build: its bytes are the file's bytes on disk.
      for (const file of row.files) {
        expect(file.path.startsWith('/_next/static/'), file.path).toBe(true);
        expect(file.rawBytes).toBe(
          fs.statSync(
            path.join(APP_DIR, '.next', 'static', decodeURIComponent(file.path.slice('/_next/static/'.length))),
          ).size,
        );
        expect(file.gzipBytes).toBeLessThan(file.rawBytes);
      }
      expect(row.rawBytes).toBe(row.files.reduce((sum, file) => sum + file.rawBytes, 0));
    }
    // TanStack Query ships in the route-query page only: its page must load more than the route-json page.
    const bytesOf = (variant: string) =>
      rows.find((row) => row.scenario === 'revalidate' && row.variant === variant)!.rawBytes;
    expect(bytesOf('route-query')).toBeGreaterThan(bytesOf('route-json') + 10_000);
    expect(await measureClientJs(browser, server.origin, ['counter', 'revalidate'], 10_000)).toEqual(rows);
  });
});
