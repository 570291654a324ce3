import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFloor, type AppServer } from '../runner/app-server';
import { launchChromium, requireChromium } from '../runner/browser/chromium';
import { queryOnce } from '../runner/read-database';
import { resolveConfig } from '../runner/config';
import { CAPTURE_SCOPE, captureInteraction, type Capture } from '../runner/http/capture';
import { mutationIndex, replay, responseProblem } from '../runner/http/replay';
import { measureHttpCell } from '../runner/http/suite';
import { startTestFixture } from './support/fixture-server';

let fixture: AppServer;
let floor: AppServer;
let dbPath: string;
let browser: Browser;
const captures = new Map<string, Capture>();

beforeAll(async () => {
  let dir: string;
  ({ server: fixture, dbPath, dir } = await startTestFixture());
  floor = await startFloor({ port: 0, dbPath, serverDelayMs: 0, logFile: `${dir}/floor.log` });
  browser = await launchChromium(requireChromium(), { deferAfterInput: false });
  for (const [scenario, variant] of [['counter', 'action'], ['revalidate', 'action'], ['revalidate', 'route-refresh']] as const) {
    captures.set(`${scenario}/${variant}`, await captureInteraction(browser, fixture.origin, scenario, variant));
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
  return fetch(`${fixture.origin}${request.path}`, { method: request.method, headers, body: request.body?.replaceAll(CAPTURE_SCOPE, scope) });
}

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
    const result = await replay({ origin: fixture.origin, capture, connections: 5, interactions: 100, acceptEncoding: true, scopePrefix: 'rpl' });
    expect(result.totalRequests).toBe(200);
    expect(result.acknowledged).toBe(100);
    expect(result).toMatchObject({ non2xx: 0, errors: 0, invalid: 0 });
    const persisted = row<{ scopes: number; mutations: number }>("SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations FROM items WHERE scope LIKE 'rpl%'");
    expect(persisted).toEqual({ scopes: 100, mutations: 100 });
    expect(result.interactionLatencyMs.p50).toBeGreaterThan(0);
    expect(result.interactionLatencyMs.p99).toBeGreaterThanOrEqual(result.interactionLatencyMs.p50);
  });

  it('marks a cell failed when its responses are not what the browser got', async () => {
    const config = resolveConfig(['--profile', 'quick', '--amount', '40'], new Date(), process.cwd())!;
    // The action's requests sent to the floor server, which has no such endpoint: fast 404s, never "fast".
    const cell = await measureHttpCell({ config, scenarioId: 'counter', connections: 2, dbPath, prefix: 'bad', target: { variant: 'action', server: floor, capture: captures.get('counter/action')! } });
    expect(cell.failed).toMatch(/^40 responses differ from the browser's \(POST \/counter\/action\?scope=capture0000: status 404, expected 200\)$/);
    expect(cell.acknowledged).toBe(0);
  });

  it('checks status, content type and the revalidation header', () => {
    const expected = { status: 200, contentType: 'text/x-component', actionRevalidated: '1' };
    expect(responseProblem(expected, 200, { 'content-type': 'text/x-component', 'x-action-revalidated': '1' })).toBeNull();
    expect(responseProblem(expected, 500, { 'content-type': 'text/x-component' })).toBe('status 500, expected 200');
    expect(responseProblem(expected, 200, { 'content-type': 'text/html; charset=utf-8' })).toBe('content-type text/html, expected text/x-component');
    expect(responseProblem(expected, 200, { 'content-type': 'text/x-component' })).toBe('x-action-revalidated absent, expected 1');
  });
});
