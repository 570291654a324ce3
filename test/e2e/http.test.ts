import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFloor, type AppServer } from '../../runner/measure/fixture/app-server';
import { launchChromium, requireChromium } from '../../runner/measure/browser/chromium';
import { localPersisted, queryOnce } from '../../runner/measure/fixture/read-database';
import { BrowserSession } from '../../runner/measure/browser/session';
import { resolveConfig } from '../../runner/core/config';
import { admitCaptures, captureInteraction, captureProblem, type Capture } from '../../runner/measure/http/capture';
import { mutationIndex, replay, responseProblem } from '../../runner/measure/http/replay';
import { measureRepeat } from '../../runner/measure/http/suite';
import { startLoadGenerator } from '../../runner/measure/http/load-generator';
import { SCENARIOS, scenarioById, variantPath, variantsOf } from '../../runner/scenarios';
import { captureScope, interactionLabel } from '../../runner/core/scopes';
import { startTestFixture } from '../support/fixture-server';
import { committed } from '../support/interaction';

let fixture: AppServer;
let floor: AppServer;
let dbPath: string;
let browser: Browser;
const captures = new Map<string, Capture>();
/** The scenarios the HTTP suite replays (not form-invalid: its designed 422; payload: no file bytes in the capture; ...). */
const REPLAYED = SCENARIOS.filter((scenario) => scenario.httpReplay === true).map((scenario) => scenario.id);
/** Replayed by the captured-action, replay and bytes tests below; every other replayed scenario is replayed whole once. */
const REPLAYED_IN_DETAIL = ['counter', 'revalidate'];

beforeAll(async () => {
  let dir: string;
  ({ server: fixture, dbPath, dir } = await startTestFixture());
  floor = await startFloor({ port: 0, dbPath, serverDelayMs: 0, logFile: `${dir}/floor.log` });
  browser = await launchChromium(requireChromium(), { deferAfterInput: false });
  let index = 0;
  for (const scenario of REPLAYED) {
    for (const variant of variantsOf(scenarioById(scenario))) {
      captures.set(
        `${scenario}/${variant}`,
        await captureInteraction(
          browser,
          fixture.origin,
          scenarioById(scenario),
          variant,
          captureScope(index++),
          10_000,
        ),
      );
    }
  }
});

afterAll(async () => {
  await browser?.close();
  await floor?.stop();
  await fixture?.stop();
});

const row = <T>(sql: string, ...params: unknown[]) => queryOnce<T>(dbPath, sql, ...params);

/** Sends a captured request with plain fetch: no browser, no autocannon. */
async function send(capture: Capture, index: number, scope: string): Promise<Response> {
  const request = capture.requests[index]!;
  const { 'accept-encoding': _ignored, ...headers } = request.headers;
  return fetch(`${fixture.origin}${request.path}`, {
    method: request.method,
    headers,
    body: request.body?.replaceAll(capture.scope, scope),
  });
}

describe('captures', () => {
  it('hold every request of each variant, in order, each under a scope of its own', () => {
    for (const [key, capture] of captures) {
      const [scenario, variant] = key.split('/') as [string, string];
      expect(captureProblem(capture, scenarioById(scenario).expectedRequests[variant] ?? 1)).toBeNull();
    }
    expect(new Set([...captures.values()].map((capture) => capture.scope)).size).toBe(captures.size);
    expect(captures.get('revalidate/route-refresh')!.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('fail the run when a variant misses its trailing GET', () => {
    const full = captures.get('revalidate/route-refresh')!;
    const postOnly = { ...full, requests: full.requests.slice(0, 1) };
    const expected = (scenario: string, variant: string) => scenarioById(scenario).expectedRequests[variant] ?? 1;
    // As run.ts admits them: the short capture is not replayed, and the run gets a failure (so it is incomplete).
    const { admitted, failures } = admitCaptures(
      [captures.get('revalidate/action')!, postOnly],
      expected,
      () => undefined,
    );
    expect(admitted.map((capture) => capture.variant)).toEqual(['action']);
    expect(failures).toEqual([
      {
        stage: 'capture',
        scenario: 'revalidate',
        variant: 'route-refresh',
        message:
          'revalidate/route-refresh: the capture holds 1 request(s) (POST /api/revalidate), the interaction sends 2',
      },
    ]);
    // The catalogue agrees, but the browser measured more requests per interaction than were captured.
    expect(captureProblem(postOnly, 1, 2)).toMatch(/the browser measured 2 per interaction$/);
  });
});

describe('a captured Server Action request', () => {
  it('is a stable, public POST endpoint: a plain HTTP client replays it and the mutation happens', async () => {
    const capture = captures.get('counter/action')!;
    expect(capture.requests).toHaveLength(1);
    expect(capture.requests[0]!.headers['next-action']).toMatch(/^[0-9a-f]{40,}$/);
    const response = await send(capture, 0, 'plain000001');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/x-component/);
    expect(await response.text()).toMatch(/^0:/m);
    expect(row<{ value: number }>('SELECT value FROM counters WHERE scope = ?', 'plain000001').value).toBe(1);
  });

  it('carries the revalidated page in the same response', async () => {
    const capture = captures.get('revalidate/action')!;
    const response = await send(capture, 0, 'plain000002');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-action-revalidated')).toBe('1');
    expect(row<{ n: number }>('SELECT count(*) AS n FROM items WHERE scope = ?', 'plain000002').n).toBe(1);
  });
});

describe('replay', () => {
  it('replays whole interactions and every acknowledged mutation is persisted once', async () => {
    const capture = captures.get('revalidate/route-refresh')!;
    expect(capture.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(mutationIndex(capture)).toBe(0);
    const result = await replay({
      origin: fixture.origin,
      capture,
      connections: 5,
      interactions: 100,
      encoding: 'gzip',
      scopePrefix: 'rpl',
    });
    expect(result.totalRequests).toBe(200);
    expect(result.acknowledged).toBe(100);
    expect(result).toMatchObject({ non2xx: 0, errors: 0, invalid: 0 });
    const persisted = row<{ scopes: number; mutations: number }>(
      "SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations FROM items WHERE scope LIKE 'rpl%'",
    );
    expect(persisted).toEqual({ scopes: 100, mutations: 100 });
    // Little's law for a closed loop: 5 connections each always in an interaction, so the mean interaction lasts
    // 5 / throughput. The median from the HDR histogram must agree within a factor of 2 (a unit slip is 1000x).
    const littleMs = (5 / result.interactionsPerSec) * 1000;
    expect(result.interactionLatencyMs.p50).toBeGreaterThan(littleMs / 2);
    expect(result.interactionLatencyMs.p50).toBeLessThan(littleMs * 2);
  });

  it.each(
    REPLAYED.filter((scenario) => !REPLAYED_IN_DETAIL.includes(scenario)).flatMap((scenario) =>
      variantsOf(scenarioById(scenario)).map((variant) => [scenario, variant]),
    ),
  )(
    '%s/%s: replayed whole, every response as the browser got it, every acknowledged interaction persisted once',
    async (scenarioId, variant) => {
      const capture = captures.get(`${scenarioId}/${variant}`)!;
      expect(capture.requests).toHaveLength(scenarioById(scenarioId).expectedRequests[variant]!);
      // By position, not the variant's initial: two variants may share one (route-json, route-query).
      const scopePrefix = `n${REPLAYED.indexOf(scenarioId)}${variantsOf(scenarioById(scenarioId)).indexOf(variant)}`;
      const result = await replay({
        origin: fixture.origin,
        capture,
        connections: 3,
        interactions: 12,
        encoding: 'gzip',
        scopePrefix,
      });
      expect(result).toMatchObject({ acknowledged: 12, non2xx: 0, errors: 0, invalid: 0 });
      expect(await localPersisted(dbPath)(scenarioId, scopePrefix)).toEqual({
        scopes: 12,
        mutations: 12,
        duplicated: 0,
      });
    },
  );

  it('marks a cell failed when its responses are not what the browser got', async () => {
    const config = resolveConfig(['--profile', 'quick', '--amount', '40'], new Date(), process.cwd())!;
    // The action's requests sent to the floor server, which has no such endpoint: fast 404s, never "fast".
    const capture = captures.get('counter/action')!;
    const arm = {
      scenario: 'counter',
      variant: 'action',
      twin: false,
      server: floor,
      capture,
      persisted: localPersisted(dbPath),
    };
    // Through the load generator's own process, as the suite runs it.
    const generator = await startLoadGenerator(null);
    const record = await measureRepeat({
      config,
      arm,
      connections: 2,
      encoding: 'gzip',
      repeat: 0,
      order: 0,
      interactions: config.amount!,
      scopeTag: '',
      prefix: 'bad',
      generator,
    }).finally(() => generator.close());
    expect(record.failed).toBe(
      `40 responses differ from the browser's (POST /counter/action?scope=${capture.scope}: status 404, expected 200)`,
    );
    expect(record.acknowledged).toBe(0);
  });

  it('checks status, content type and the revalidation header', () => {
    const expected = { status: 200, contentType: 'text/x-component', actionRevalidated: '1' };
    expect(
      responseProblem(expected, 200, { 'content-type': 'text/x-component', 'x-action-revalidated': '1' }),
    ).toBeNull();
    expect(responseProblem(expected, 500, { 'content-type': 'text/x-component' })).toBe('status 500, expected 200');
    expect(responseProblem(expected, 200, { 'content-type': 'text/html; charset=utf-8' })).toBe(
      'content-type text/html, expected text/x-component',
    );
    expect(responseProblem(expected, 200, { 'content-type': 'text/x-component' })).toBe(
      'x-action-revalidated absent, expected 1',
    );
  });
});

describe('bytes on the wire', () => {
  // The standard profile's shape: page loads of three interactions each.
  const PAGE_LOADS = 3;
  const PER_PAGE_LOAD = 3;
  let bytesScopes = 0;
  it.each([
    ...['counter', 'revalidate'].flatMap((scenario) =>
      variantsOf(scenarioById(scenario)).map((variant) => [scenario, variant]),
    ),
  ])(
    '%s/%s: the browser sends and receives what the replay does, within 2%, and every sample lies within 5% of the median',
    async (scenarioId, variant) => {
      const scenario = scenarioById(scenarioId);
      const session = await BrowserSession.open(browser, fixture.origin, 'proxy');
      const all: number[] = [];
      const firstOfPageLoad: number[] = [];
      for (let load = 0; load < PAGE_LOADS; load++) {
        const scope = `bytes${String(bytesScopes++).padStart(6, '0')}`;
        await session.load(variantPath(scenarioId, variant), scope);
        for (let i = 0; i < PER_PAGE_LOAD; i++) {
          const { wireBytes } = committed(await session.interact(scenario, variant, interactionLabel(scope, i), 5000));
          all.push(wireBytes.toServer + wireBytes.toClient);
          if (i === 0) firstOfPageLoad.push(wireBytes.toServer + wireBytes.toClient);
        }
      }
      await session.close();
      // Replay gives every interaction a fresh scope: it matches the first interaction of a page load (later ones
      // of a revalidate page carry the items added before them).
      const capture = captures.get(`${scenarioId}/${variant}`)!;
      const replayed = await replay({
        origin: fixture.origin,
        capture,
        connections: 1,
        interactions: 4,
        encoding: 'gzip',
        scopePrefix: `y${String(bytesScopes).padStart(2, '0')}`,
      });
      const replayBytes = replayed.requestBytesPerInteraction + replayed.responseBytesPerInteraction;
      for (const bytes of firstOfPageLoad) expect(Math.abs(bytes / replayBytes - 1)).toBeLessThanOrEqual(0.02);
      const median = [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)]!;
      for (const bytes of all) expect(Math.abs(bytes / median - 1)).toBeLessThanOrEqual(0.05);
    },
  );
});
