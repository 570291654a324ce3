import fs from 'node:fs';
import path from 'node:path';
import { writeReport } from '../reports/write';
import { APP_DIR, buildFixture, claimPort, startFixture, startFloor } from './app-server';
import { launchChromium, requireChromium } from './browser/chromium';
import { emptyMeasurement, measureBrowser } from './browser/measure';
import { BrowserSession } from './browser/session';
import { evaluateClaims } from './claims/claims';
import { onCleanup } from './cleanup';
import type { Config } from './config';
import { describeEnvironment } from './environment';
import { measureHttp } from './http/suite';
import { runMicro } from './micro/micro';
import { makePlan } from './plan';
import type { Progress } from './progress';
import type { HttpCell, Results } from './results/schema';
import { RunStore } from './results/store';
import { scenarioById } from './scenarios';
import { seededRandom } from './stats/random';
import { summarize } from './stats/summarize';

export interface RunOutcome {
  results: Results;
  reportFile: string;
  /** An unexpected error that ended the run early; what was measured before it is still in results. */
  error?: unknown;
}

/** flags/config -> plan -> samples -> stats -> claims -> results.json -> index.html, one suite after another. */
export async function runBench(config: Config, argv: string[], progress: Progress): Promise<RunOutcome> {
  const startedAt = new Date();
  // User errors first, before anything is built or started.
  const needsBrowser = config.suites.includes('browser') || config.suites.includes('http');
  const chromiumPath = needsBrowser ? requireChromium() : null;
  if (config.port !== 0) await claimPort(config.port);

  const store = new RunStore(config.outDir);
  const random = seededRandom(config.seed);
  const plan = makePlan(config.scenarios.map(scenarioById), config.rttMs);
  const measurement = emptyMeasurement(plan);
  const httpCells: HttpCell[] = [];
  let micro: Results['micro'];
  let chromiumVersion = 'not used';
  let error: unknown;

  try {
    if (chromiumPath) {
      progress.log(`building the fixture (skipped when its sources are unchanged; log: ${path.relative(process.cwd(), store.file('build.log'))})`);
      progress.log((await buildFixture(store.file('build.log'))) ? 'fixture built' : 'fixture build is up to date');
      const dbPath = path.join(APP_DIR, 'data', 'bench.sqlite');
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
      const server = await startFixture({ port: config.port, dbPath, serverDelayMs: config.serverDelayMs, logFile: store.file('server.log') });
      const browser = await launchChromium(chromiumPath, { deferAfterInput: config.chromeDeferAfterInput });
      const closeBrowser = onCleanup(() => browser.close());
      chromiumVersion = browser.version();
      try {
        if (config.suites.includes('browser')) {
          const session = await BrowserSession.open(browser, server.origin, config.rttEmulation);
          progress.log(`browser: ${plan.arms.length} arms (${plan.comparisons.length} comparisons) at RTT ${config.rttMs.join(', ')} ms via ${config.rttEmulation}`);
          await measureBrowser({ config, plan, session, store, progress, random, measurement });
          await session.close();
        }
        if (config.suites.includes('http')) {
          const floor = await startFloor({ port: 0, dbPath, serverDelayMs: config.serverDelayMs, logFile: store.file('floor.log') });
          try {
            await measureHttp({ config, browser, fixture: server, floor, dbPath, store, progress, random, cells: httpCells });
          } finally {
            await floor.stop();
          }
        }
      } finally {
        closeBrowser();
        await browser.close().catch(() => undefined);
        await server.stop();
      }
    }
    // Last, with no server or browser running: in-process costs are the most sensitive to a busy machine.
    if (config.suites.includes('micro')) micro = await runMicro(config, progress);
  } catch (caught) {
    error = caught;
  }

  const browserSummary = config.suites.includes('browser')
    ? summarize({
        plan,
        samples: measurement.samples,
        expectedRoundTrips: (scenario, variant) => scenarioById(scenario).expectedRoundTrips[variant] ?? 0,
        sampling: measurement.sampling,
        resamples: config.resamples,
        seed: config.seed,
      })
    : undefined;
  const browser = browserSummary && { rttEmulation: config.rttEmulation, wallSeconds: measurement.wallSeconds, ...browserSummary };
  const http = config.suites.includes('http')
    ? { mode: config.rate !== undefined ? ('rate' as const) : config.durationSeconds !== undefined ? ('duration' as const) : ('amount' as const), acceptEncoding: config.acceptEncoding, cells: httpCells }
    : undefined;
  const failures = [
    ...measurement.failures,
    ...httpCells.filter((cell) => cell.failed).map((cell) => ({ scenario: cell.scenario, variant: cell.variant, rttMs: 0, message: `HTTP load x${cell.connections}: ${cell.failed}` })),
    ...(error === undefined ? [] : [{ scenario: '*', variant: '*', rttMs: 0, message: `run aborted: ${(error as Error).message ?? error}` }]),
  ];
  const results: Results = {
    schemaVersion: 1,
    runId: path.basename(config.outDir),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    complete: failures.length === 0,
    failures,
    config: { ...config },
    scenarios: config.scenarios.map(scenarioById).map(({ id, summary, expectedRoundTrips }) => ({ id, summary, expectedRoundTrips })),
    environment: describeEnvironment(chromiumVersion, argv, config.seed),
    browser,
    http,
    micro,
    claims: evaluateClaims({ browser, http }),
  };
  store.writeResults(results);
  return { results, reportFile: writeReport(store.dir), error };
}
