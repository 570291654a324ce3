import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { APP_DIR, buildFixture, startFixture, type AppServer } from './app-server';
import { launchChromium } from './browser/chromium';
import { BrowserSession, type RttEmulation } from './browser/session';
import { onCleanup } from './cleanup';
import { acquireCheckoutLock } from './lock';
import type { ChromeMode } from './plan';
import type { Progress } from './progress';
import type { RunStore } from './results/store';

/** A Chromium for one input-scheduling mode, closed on cleanup too. */
export async function launch(chromiumPath: string, chrome: ChromeMode): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await launchChromium(chromiumPath, { deferAfterInput: chrome === 'shipped' });
  const unregister = onCleanup(() => browser.close());
  return {
    browser,
    async close() {
      unregister();
      await browser.close().catch(() => undefined);
    },
  };
}

/**
 * Under the checkout's lock: builds the fixture if its sources changed, starts it on a fresh database, runs
 * `body`, and stops the server.
 */
interface FixtureOptions {
  port: number;
  serverDelayMs: number;
  store: RunStore;
  progress: Progress;
}

export async function withFixture<T>(options: FixtureOptions, body: (server: AppServer, dbPath: string) => Promise<T>): Promise<T> {
  const release = acquireCheckoutLock();
  try {
    return await runFixture(options, body);
  } finally {
    release();
  }
}

async function runFixture<T>({ port, serverDelayMs, store, progress }: FixtureOptions, body: (server: AppServer, dbPath: string) => Promise<T>): Promise<T> {
  progress.log(`building the fixture (skipped when its sources are unchanged; log: ${path.relative(process.cwd(), store.file('build.log'))})`);
  progress.log((await buildFixture(store.file('build.log'))) ? 'fixture built' : 'fixture build is up to date');
  const dbPath = path.join(APP_DIR, 'data', 'bench.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  const server = await startFixture({ port, dbPath, serverDelayMs, logFile: store.file('server.log') });
  try {
    return await body(server, dbPath);
  } finally {
    await server.stop();
  }
}

/** One Chromium and one page session per Chrome mode, closed when `body` ends. Resolves with body's value and the version. */
export async function withSessions<T>(
  options: { chromiumPath: string; modes: readonly ChromeMode[]; origin: string; rttEmulation: RttEmulation; timeoutMs: number },
  body: (sessions: Partial<Record<ChromeMode, BrowserSession>>, chromiumVersion: string) => Promise<T>,
): Promise<T> {
  const launched = await Promise.all(options.modes.map((chrome) => launch(options.chromiumPath, chrome)));
  try {
    const sessions: Partial<Record<ChromeMode, BrowserSession>> = {};
    for (const [index, chrome] of options.modes.entries()) sessions[chrome] = await BrowserSession.open(launched[index]!.browser, options.origin, options.rttEmulation, options.timeoutMs);
    return await body(sessions, launched[0]!.browser.version());
  } finally {
    for (const { close } of launched) await close();
  }
}
