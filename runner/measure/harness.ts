import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { APP_DIR, buildFixture, startFixture, type AppServer } from './fixture/app-server';
import { launchChromium } from './browser/chromium';
import { BrowserSession, type RttEmulation } from './browser/session';
import { onCleanup } from '../core/cleanup';
import { acquireCheckoutLock } from './fixture/lock';
import { UserError } from '../core/errors';
import { CURRENT_BUILD, sessionKey, type BuildLabel, type ChromeMode } from '../core/plan';
import type { Progress } from '../core/progress';
import type { RunStore } from '../contract/store';

/** A Chromium for one input-scheduling mode, closed on cleanup too. */
export async function launch(
  chromiumPath: string,
  chrome: ChromeMode,
): Promise<{ browser: Browser; close(): Promise<void> }> {
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

/** A fixture a run builds and serves: bench-app (`current`), a duet's baseline, or a version matrix's build. */
export interface FixtureSpec {
  label: BuildLabel;
  appDir: string;
  /** A user's app (--config): added to its build's and server's environment (app.env). */
  env?: Record<string, string>;
  /** A user's app: a build that fails is the user's to fix (exit 2), not the instrument's failure. */
  userApp?: boolean;
  /** A page that answers 200 once the server is ready (default: the fixture's index). */
  readyPath?: string;
}

export const THIS_CHECKOUT: readonly FixtureSpec[] = [{ label: CURRENT_BUILD, appDir: APP_DIR }];

interface FixtureOptions {
  port: number;
  serverDelayMs: number;
  store: RunStore;
  progress: Progress;
  /** Built and served in this order, each on its own database; the first on `port`. */
  fixtures: readonly FixtureSpec[];
}

/** A fixture being served, and the database it writes to. */
export interface ServedFixture extends FixtureSpec {
  server: AppServer;
  dbPath: string;
}

/**
 * Under the checkout's lock (and a fixture folder's own, outside the checkout): builds every fixture whose
 * sources changed, starts each on a fresh database, runs `body` with them by label, and stops the servers.
 */
export async function withFixture<T>(
  options: FixtureOptions,
  body: (served: ReadonlyMap<BuildLabel, ServedFixture>) => Promise<T>,
): Promise<T> {
  const releases = [
    acquireCheckoutLock(),
    ...options.fixtures
      .filter(({ appDir }) => !isInside(appDir, path.dirname(APP_DIR)))
      .map(({ appDir }) => acquireCheckoutLock(path.join(appDir, 'data', 'run.lock'))),
  ];
  try {
    return await runFixtures(options, body);
  } finally {
    for (const release of releases.reverse()) release();
  }
}

const isInside = (dir: string, parent: string) => !path.relative(parent, dir).startsWith('..');

/** A fixture's log file: bench-app's keep their plain names, every other build's name its label. */
const logName = (kind: 'build' | 'server', label: BuildLabel) =>
  label === CURRENT_BUILD ? `${kind}.log` : `${kind}-${label}.log`;

async function runFixtures<T>(
  { port, serverDelayMs, store, progress, fixtures }: FixtureOptions,
  body: (served: ReadonlyMap<BuildLabel, ServedFixture>) => Promise<T>,
): Promise<T> {
  for (const { label, appDir, env, userApp } of fixtures) {
    const what = userApp
      ? `the ${label === CURRENT_BUILD ? '' : `${label} `}app in ${path.relative(process.cwd(), appDir)}`
      : label === CURRENT_BUILD
        ? 'the fixture'
        : `the ${label} fixture in ${path.relative(process.cwd(), appDir)}`;
    const logFile = store.file(logName('build', label));
    progress.log(
      `building ${what} (skipped when its sources are unchanged; log: ${path.relative(process.cwd(), logFile)})`,
    );
    let built: boolean;
    try {
      built = await buildFixture(logFile, appDir, env);
    } catch (error) {
      if (!userApp) throw error;
      throw new UserError(
        `${what} failed to build: ${(error as Error).message.split('\n')[0]}; fix the app (or app.dir, app.env in the config) and run again`,
      );
    }
    progress.log(built ? `${what} built` : `${what}: build is up to date`);
  }
  const served = new Map<BuildLabel, ServedFixture>();
  try {
    for (const [index, { label, appDir, env, readyPath }] of fixtures.entries()) {
      const dbPath = freshDatabase(appDir);
      served.set(label, {
        label,
        appDir,
        dbPath,
        server: await startFixture({
          port: index === 0 ? port : 0,
          dbPath,
          serverDelayMs,
          logFile: store.file(logName('server', label)),
          appDir,
          env,
          readyPath,
        }),
      });
    }
    return await body(served);
  } finally {
    for (const { server } of [...served.values()].reverse()) await server.stop();
  }
}

/** A fixture's database path, emptied: every run starts from no rows. */
function freshDatabase(appDir: string): string {
  const dbPath = path.join(appDir, 'data', 'bench.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  return dbPath;
}

/**
 * One Chromium per Chrome mode, and in it two page sessions per build served (`origins`, by label), one with
 * JavaScript disabled, closed when `body` ends. Sessions are keyed by sessionKey. Resolves with body's value and the Chromium version.
 */
export async function withSessions<T>(
  options: {
    chromiumPath: string;
    modes: readonly ChromeMode[];
    origins: ReadonlyMap<BuildLabel, string>;
    rttEmulation: RttEmulation;
    timeoutMs: number;
  },
  body: (sessions: ReadonlyMap<string, BrowserSession>, chromiumVersion: string) => Promise<T>,
): Promise<T> {
  const launched = await Promise.all(options.modes.map((chrome) => launch(options.chromiumPath, chrome)));
  try {
    const sessions = new Map<string, BrowserSession>();
    for (const [index, chrome] of options.modes.entries()) {
      for (const [build, origin] of options.origins) {
        for (const javaScript of [true, false]) {
          sessions.set(
            sessionKey({ chrome, build }, javaScript),
            await BrowserSession.open(
              launched[index]!.browser,
              origin,
              options.rttEmulation,
              options.timeoutMs,
              javaScript,
            ),
          );
        }
      }
    }
    return await body(sessions, launched[0]!.browser.version());
  } finally {
    for (const { close } of launched) await close();
  }
}
