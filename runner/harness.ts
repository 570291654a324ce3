import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { APP_DIR, buildFixture, startFixture, type AppServer } from './app-server';
import { launchChromium } from './browser/chromium';
import { BrowserSession, type RttEmulation } from './browser/session';
import { onCleanup } from './cleanup';
import { acquireCheckoutLock } from './lock';
import { BUILDS, sessionKey, type BuildLabel, type ChromeMode } from './plan';
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
  /** A duet's baseline fixture (runner/against.ts): built and served beside bench-app, on its own database. */
  baselineAppDir?: string;
}

/** The servers a run measures: bench-app's, and in a duet the baseline's. */
export interface FixtureServers {
  current: AppServer;
  baseline: AppServer | null;
}

export async function withFixture<T>(options: FixtureOptions, body: (server: AppServer, dbPath: string, servers: FixtureServers) => Promise<T>): Promise<T> {
  const release = acquireCheckoutLock();
  try {
    return await runFixture(options, body);
  } finally {
    release();
  }
}

async function runFixture<T>({ port, serverDelayMs, store, progress, baselineAppDir }: FixtureOptions, body: (server: AppServer, dbPath: string, servers: FixtureServers) => Promise<T>): Promise<T> {
  progress.log(`building the fixture (skipped when its sources are unchanged; log: ${path.relative(process.cwd(), store.file('build.log'))})`);
  progress.log((await buildFixture(store.file('build.log'))) ? 'fixture built' : 'fixture build is up to date');
  if (baselineAppDir) {
    progress.log(`building the baseline fixture in ${path.relative(process.cwd(), baselineAppDir)} (log: ${path.relative(process.cwd(), store.file('build-baseline.log'))})`);
    progress.log((await buildFixture(store.file('build-baseline.log'), baselineAppDir)) ? 'baseline fixture built' : 'baseline fixture build is up to date');
  }
  const dbPath = freshDatabase(APP_DIR);
  const server = await startFixture({ port, dbPath, serverDelayMs, logFile: store.file('server.log') });
  let baseline: AppServer | null = null;
  try {
    if (baselineAppDir) baseline = await startFixture({ port: 0, dbPath: freshDatabase(baselineAppDir), serverDelayMs, logFile: store.file('server-baseline.log'), appDir: baselineAppDir });
    return await body(server, dbPath, { current: server, baseline });
  } finally {
    await baseline?.stop();
    await server.stop();
  }
}

/** A fixture's database path, emptied: every run starts from no rows. */
function freshDatabase(appDir: string): string {
  const dbPath = path.join(appDir, 'data', 'bench.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  return dbPath;
}

/**
 * One Chromium per Chrome mode, and in it one page session per build served (`origins`), closed when `body`
 * ends. Sessions are keyed by sessionKey. Resolves with body's value and the Chromium version.
 */
export async function withSessions<T>(
  options: { chromiumPath: string; modes: readonly ChromeMode[]; origins: Partial<Record<BuildLabel, string>>; rttEmulation: RttEmulation; timeoutMs: number },
  body: (sessions: ReadonlyMap<string, BrowserSession>, chromiumVersion: string) => Promise<T>,
): Promise<T> {
  const launched = await Promise.all(options.modes.map((chrome) => launch(options.chromiumPath, chrome)));
  try {
    const sessions = new Map<string, BrowserSession>();
    for (const [index, chrome] of options.modes.entries()) {
      for (const build of BUILDS) {
        const origin = options.origins[build];
        if (origin) sessions.set(sessionKey({ chrome, build }), await BrowserSession.open(launched[index]!.browser, origin, options.rttEmulation, options.timeoutMs));
      }
    }
    return await body(sessions, launched[0]!.browser.version());
  } finally {
    for (const { close } of launched) await close();
  }
}
