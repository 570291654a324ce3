import fs from 'node:fs';
import path from 'node:path';
import { writeReport } from '../reports/write';
import { APP_DIR, buildFixture, claimPort, startFixture } from './app-server';
import { launchChromium, requireChromium } from './browser/chromium';
import { emptyMeasurement, measureBrowser } from './browser/measure';
import { BrowserSession } from './browser/session';
import { evaluateClaims } from './claims/claims';
import { onCleanup } from './cleanup';
import type { Config } from './config';
import { describeEnvironment } from './environment';
import { makePlan } from './plan';
import type { Progress } from './progress';
import type { Results } from './results/schema';
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

/** flags/config -> plan -> samples -> stats -> claims -> results.json -> index.html */
export async function runBench(config: Config, argv: string[], progress: Progress): Promise<RunOutcome> {
  const startedAt = new Date();
  // User errors first, before anything is built or started.
  const chromiumPath = requireChromium();
  if (config.port !== 0) await claimPort(config.port);

  const store = new RunStore(config.outDir);
  const scenarios = config.scenarios.map(scenarioById);
  const plan = makePlan(scenarios, config.rttMs);
  const measurement = emptyMeasurement(plan);
  let chromiumVersion = 'unknown';
  let error: unknown;

  try {
    progress.log(`building the fixture (skipped when its sources are unchanged; log: ${path.relative(process.cwd(), store.file('build.log'))})`);
    const built = await buildFixture(store.file('build.log'));
    progress.log(built ? 'fixture built' : 'fixture build is up to date');

    const dbPath = path.join(APP_DIR, 'data', 'bench.sqlite');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
    const server = await startFixture({ port: config.port, dbPath, serverDelayMs: config.serverDelayMs, logFile: store.file('server.log') });
    const browser = await launchChromium(chromiumPath, { deferAfterInput: config.chromeDeferAfterInput });
    const closeBrowser = onCleanup(() => browser.close());
    chromiumVersion = browser.version();
    try {
      const session = await BrowserSession.open(browser, server.origin, config.rttEmulation);
      progress.log(`measuring ${plan.arms.length} arms (${plan.comparisons.length} comparisons) at RTT ${config.rttMs.join(', ')} ms via ${config.rttEmulation}`);
      await measureBrowser({ config, plan, session, store, progress, random: seededRandom(config.seed), measurement });
    } finally {
      closeBrowser();
      await browser.close().catch(() => undefined);
      await server.stop();
    }
  } catch (caught) {
    error = caught;
  }

  const summary = summarize({
    plan,
    samples: measurement.samples,
    expectedRoundTrips: (scenario, variant) => scenarioById(scenario).expectedRoundTrips[variant] ?? 0,
    sampling: measurement.sampling,
    resamples: config.resamples,
    seed: config.seed,
  });
  const results: Results = {
    schemaVersion: 1,
    runId: path.basename(config.outDir),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    complete: error === undefined && measurement.failures.length === 0,
    failures: [
      ...measurement.failures,
      ...(error === undefined ? [] : [{ scenario: '*', variant: '*', rttMs: 0, message: `run aborted: ${(error as Error).message ?? error}` }]),
    ],
    config: { ...config },
    environment: describeEnvironment(chromiumVersion, argv, config.seed),
    browser: { rttEmulation: config.rttEmulation, wallSeconds: measurement.wallSeconds, ...summary },
    claims: evaluateClaims(summary),
  };
  store.writeResults(results);
  return { results, reportFile: writeReport(store.dir), error };
}
