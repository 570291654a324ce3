import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../runner/app-server';
import { launchChromium, launchedChromiumCommandLines, requireChromium } from '../runner/browser/chromium';
import { queryOnce } from '../runner/read-database';
import { BrowserSession, waitForHydration } from '../runner/browser/session';
import { FixtureError } from '../runner/errors';
import { scenarioById, variantPath, variantsOf } from '../runner/scenarios';
import { startTestFixture } from './support/fixture-server';

let server: AppServer;
let dbPath: string;
let browser: Browser;
let serverLog: string;

beforeAll(async () => {
  let dir: string;
  ({ server, dbPath, dir } = await startTestFixture());
  serverLog = path.join(dir, 'server.log');
  browser = await launchChromium(requireChromium(), { deferAfterInput: false });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const query = <T>(sql: string, ...params: unknown[]) => queryOnce<T>(dbPath, sql, ...params);

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.origin}${path}`);
  await waitForHydration(page);
  return page;
}

const CLICKS = 3;

// Plain Playwright (no probe): each variant must change both the page and the database, once per click.
describe.each(variantsOf(scenarioById('counter')))('counter/%s', (variant) => {
  it(`shows and persists ${CLICKS} increments`, async () => {
    const scope = `test-counter-${variant}`;
    const page = await open(`${variantPath('counter', variant)}?scope=${scope}`);
    const count = page.locator('output[aria-label="count"]');
    expect(await count.textContent()).toBe('0');
    for (let i = 1; i <= CLICKS; i++) {
      await page.getByRole('button', { name: '+1' }).click();
      await page.waitForFunction((want) => document.querySelector('output[aria-label="count"]')?.textContent === want, String(i));
    }
    expect(query<{ value: number }>('SELECT value FROM counters WHERE scope = ?', scope).value).toBe(CLICKS);
    await page.reload();
    expect(await count.textContent()).toBe(String(CLICKS));
    await page.close();
  });
});

describe.each(variantsOf(scenarioById('revalidate')))('revalidate/%s', (variant) => {
  it(`shows and persists ${CLICKS} added items`, async () => {
    const scope = `test-revalidate-${variant}`;
    const page = await open(`${variantPath('revalidate', variant)}?scope=${scope}`);
    const items = page.locator('ul[aria-label="items"] > li');
    expect(await items.count()).toBe(0);
    for (let i = 1; i <= CLICKS; i++) {
      await page.locator('button:enabled', { hasText: 'Add' }).waitFor();
      await page.getByLabel('new item').fill(`item ${i}`);
      await page.getByRole('button', { name: 'Add' }).click();
      await items.filter({ hasText: `item ${i}` }).waitFor();
    }
    expect(await items.allTextContents()).toEqual(['item 1', 'item 2', 'item 3']);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM items WHERE scope = ?', scope).n).toBe(CLICKS);
    await page.reload();
    expect(await items.count()).toBe(CLICKS);
    await page.close();
  });
});

describe('the runner against the fixture', () => {
  it('times an interaction with its request log and round trips', async () => {
    const session = await BrowserSession.open(browser, server.origin, 'proxy');
    await session.load(variantPath('revalidate', 'route-refresh'), 'test-probe');
    const result = await session.interact(scenarioById('revalidate'), 'probe-1', 5000);
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.frameMs).toBeGreaterThanOrEqual(result.latencyMs);
    expect(result.roundTrips).toBe(2);
    expect(result.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`)).toEqual([
      'POST /api/revalidate 201',
      'GET /revalidate/route-refresh 200',
    ]);
    await session.close();
  });

  it('adds the emulated RTT once per round trip', async () => {
    const session = await BrowserSession.open(browser, server.origin, 'proxy');
    await session.load(variantPath('counter', 'route'), 'test-rtt');
    await session.setRtt(200);
    const result = await session.interact(scenarioById('counter'), 'rtt-1', 5000);
    expect(result.roundTrips).toBe(1);
    expect(result.latencyMs).toBeGreaterThanOrEqual(200);
    expect(result.latencyMs).toBeLessThan(400);
    await session.close();
  });

  it('fails a variant that never shows the new value, naming what it waited for', async () => {
    const session = await BrowserSession.open(browser, server.origin, 'proxy');
    // A broken transport: the route answers 200 but never with the incremented value.
    await session.page.route('**/api/counter', (route) => route.fulfill({ json: { value: 0 } }));
    await session.load(variantPath('counter', 'route'), 'test-broken');
    const attempt = session.interact(scenarioById('counter'), 'broken-1', 1500);
    await expect(attempt).rejects.toBeInstanceOf(FixtureError);
    await expect(attempt).rejects.toThrow(/did not show "1" in output\[aria-label="count"\] within 1500 ms \(requests: POST \/api\/counter -> 200\)/);
    await session.close();
  });

  it('fails a variant whose request errors, even if it were fast', async () => {
    const session = await BrowserSession.open(browser, server.origin, 'proxy');
    await session.page.route('**/api/counter', (route) => route.fulfill({ status: 500, body: 'boom' }));
    await session.load(variantPath('counter', 'route'), 'test-500');
    await expect(session.interact(scenarioById('counter'), 'err-1', 1500)).rejects.toThrow(/POST \/api\/counter -> 500/);
    await session.close();
  });
});

describe('the payload probe: a 1 MB string sent to a real action, body limit raised to 4 MB', () => {
  const ONE_MB = 1024 * 1024;
  const sendFrom = async (how: 'one' | 'two' | 'form') => {
    const page = await open(`/probe/payload?chars=${ONE_MB}`);
    await page.getByRole('button', { name: how }).click();
    await page.waitForFunction(() => document.querySelector('output[aria-label="payload"]')?.textContent !== '');
    const outcome = await page.locator('output[aria-label="payload"]').textContent();
    await page.close();
    return outcome;
  };

  it('arrives whole as a FormData field and as the only argument: the body size is not what refuses it', async () => {
    expect(await sendFrom('form')).toBe(`received ${ONE_MB}`);
    expect(await sendFrom('one')).toBe(`received ${ONE_MB}`);
  });

  it("is refused beside a second argument by React's decoder (its 1e6-slot array limit counts string length)", async () => {
    expect(await sendFrom('two')).toBe('refused');
    expect(fs.readFileSync(serverLog, 'utf8')).toContain('Maximum array nesting exceeded');
  });
});

describe('Chromium launch', () => {
  it("disables the after-input task deferral without dropping Playwright's own disabled features", async () => {
    const before = new Set(launchedChromiumCommandLines());
    const launched = await launchChromium(requireChromium(), { deferAfterInput: false });
    const command = launchedChromiumCommandLines().find((line) => !before.has(line))!;
    await launched.close();
    const switches = command.split(' ').filter((arg) => arg.startsWith('--disable-features='));
    // Chromium keeps only the last --disable-features: there must be exactly one, carrying both lists.
    expect(switches).toHaveLength(1);
    const features = switches[0]!.slice('--disable-features='.length).split(',');
    expect(features).toContain('DeferRendererTasksAfterInput');
    expect(features).toContain('PaintHolding');
    for (const flag of ['--disable-quic', '--disable-background-networking', '--disable-gpu', '--no-first-run']) expect(command).toContain(flag);
  });
});
