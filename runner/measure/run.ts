import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_DIR, claimPort, startFloor, type AppServer } from './fixture/app-server';
import { requireChromium } from './browser/chromium';
import { emptyMeasurement, measureBrowser } from './browser/measure';
import type { Config } from '../core/config';
import { describeEnvironment } from './environment';
import { admitCaptures, captureInteraction, type Capture, type CaptureFile } from './http/capture';
import { writeExports } from './export/write-exports';
import { fetchBuildInfo, remotePersisted, requireSameBuild, type BuildInfo } from './http/target';
import { loadArms, measureHttp, type LoadTarget } from './http/suite';
import { startLoadGenerator } from './http/load-generator';
import { isolateLoad, type Isolation } from './system/affinity';
import { runMicro } from './micro/micro';
import { probeCaching } from './probes/caching';
import { measureClientJs } from './probes/client-js';
import { probeBuilds } from './probes/builds';
import { probeCsrf } from './probes/csrf';
import { probeNoJs } from './probes/nojs';
import { probePublicActions } from './probes/public-actions';
import { probeMiddleware } from './probes/middleware';
import { probeSecrets } from './probes/secrets';
import { measureTransportCode } from './probes/transport-code';
import { launch, THIS_CHECKOUT, withFixture, withSessions, type FixtureSpec, type ServedFixture } from './harness';
import { stateReset } from './app/reset';
import { checkInteractions } from './app/preflight';
import { urlPersisted } from './app/persisted';
import { appBuildInfo, appPackages, readyPageOf, runningApp } from './app/served';
import { runSignal, stopReason } from '../core/cleanup';
import { acquireCheckoutLock } from './fixture/lock';
import { FixtureError } from '../core/errors';
import { errors } from 'playwright-core';
import {
  BASELINE_BUILD,
  CURRENT_BUILD,
  DUET_BUILDS,
  makePlan,
  sessionKey,
  SINGLE_BUILD,
  type BuildLabel,
  type Builds,
} from '../core/plan';
import { prepareNextBuild, resolveMatrix, type NextBuild } from './fixture/matrix-install';
import { checkoutBaseline, type BaselineFixture } from './fixture/against';
import type { Progress } from '../core/progress';
import type { HttpConditions, MeasureFailure, RepeatRecord, RunRecord, WarmupRecord } from '../contract/records';
import type { HttpResults, Results, Sample } from '../contract/results';
import { RunStore } from '../contract/store';
import { catalogueOf, scenarioById, variantsOf } from '../scenarios';
import { localPersisted } from './fixture/read-database';
import { captureScope, randomTag } from '../core/scopes';
import { median } from '../stats/quantile';
import { seededRandom, type Random } from '../stats/random';
import { loadBetween, takeSnapshot } from './system/machine-load';

export interface MeasureOutcome {
  /** The run folder: run.json, samples.jsonl, the load records and whatever else was measured. */
  dir: string;
  /** An unexpected error that ended the run early; what was measured before it is still in the folder. */
  error?: unknown;
}

/** How many requests one interaction of a variant sent in the browser suite (its no-defer samples' median), if measured. */
type BrowserRequestCount = (scenario: string, variant: string) => number | undefined;

/** The browser's requests per interaction for one build's measured samples: what a capture of it must match. */
function browserRequestCount(samples: readonly Sample[], build: BuildLabel): BrowserRequestCount {
  return (scenario, variant) => {
    const counts = samples
      .filter((s) => s.build === build && s.scenario === scenario && s.variant === variant && s.chrome === 'no-defer')
      .map((s) => s.requests.length);
    return counts.length ? median(counts) : undefined;
  };
}

/**
 * Captures every variant's real requests in Chromium, each under a scope of its own; a capture that cannot stand
 * for its interaction (fewer requests than the catalogue's or than the browser measured) becomes a failure and
 * its variant is not replayed. The browser is closed before any load runs: an idle Chromium would share the cores.
 */
async function captureAll(
  chromiumPath: string,
  config: Config,
  origin: string,
  scopeTag: string,
  browserRequests: BrowserRequestCount,
  failures: MeasureFailure[],
  progress: Progress,
): Promise<{ captures: Capture[]; chromiumVersion: string }> {
  const catalogue = catalogueOf(config.app);
  for (const scenario of config.scenarios.map(catalogue.byId)) {
    if (scenario.httpReplay !== true)
      progress.log(`HTTP suite: ${scenario.id} is not replayed: ${scenario.httpReplay.skipped}`);
  }
  const replayed = config.scenarios.filter((id) => catalogue.byId(id).httpReplay === true);
  const { browser, close } = await launch(chromiumPath, 'no-defer');
  const chromiumVersion = browser.version();
  const captured: Capture[] = [];
  try {
    let index = 0;
    for (const scenarioId of replayed) {
      for (const variant of variantsOf(catalogue.byId(scenarioId))) {
        runSignal.throwIfAborted();
        try {
          captured.push(
            await captureInteraction(
              browser,
              origin,
              catalogue.byId(scenarioId),
              variant,
              captureScope(index++, scopeTag),
              config.interactionTimeoutMs,
            ),
          );
        } catch (error) {
          // A variant that cannot be captured (a hung request, a page that never shows its result) is not replayed.
          runSignal.throwIfAborted();
          if (!(error instanceof FixtureError || error instanceof errors.TimeoutError)) throw error;
          failures.push({ stage: 'capture', scenario: scenarioId, variant, message: error.message.split('\n')[0]! });
        }
      }
    }
  } finally {
    await close();
  }
  const { admitted, failures: rejected } = admitCaptures(
    captured,
    (scenario, variant) => catalogue.byId(scenario).expectedRequests[variant] ?? 1,
    browserRequests,
  );
  failures.push(...rejected);
  return { captures: admitted, chromiumVersion };
}

/** One server the HTTP suite loads: this checkout's fixture, a deployment, or one version of a matrix. */
interface HttpTarget extends Omit<LoadTarget, 'build'> {
  build: BuildLabel;
  /** The browser suite's requests per interaction in this build: a capture must have as many. */
  browserRequests: BrowserRequestCount;
  /** What build it serves (default: the fixture's /api/bench/build): captured action ids belong to one build. */
  buildInfo?: () => Promise<BuildInfo>;
}

/**
 * The HTTP suite: capture every variant of every target in Chromium (from the build the server reports), write
 * its capture file and the asked-for exports, then replay every capture under load, every target's cells
 * interleaved in the same passes (a version matrix's versions alike). A floor server runs beside a local fixture
 * only, loaded once. Resolves with the Chromium version and what each target served.
 */
async function runHttpSuite(options: {
  chromiumPath: string;
  config: Config;
  targets: readonly HttpTarget[];
  scopeTag: string;
  startFloor: (() => Promise<AppServer>) | null;
  failures: MeasureFailure[];
  store: RunStore;
  progress: Progress;
  random: Random;
  records: RepeatRecord[];
  warmups: WarmupRecord[];
}): Promise<{
  chromiumVersion: string;
  served: Map<BuildLabel, NonNullable<HttpResults['server']>>;
  isolation: Isolation;
}> {
  const { config, store } = options;
  const served = new Map<BuildLabel, NonNullable<HttpResults['server']> & { captures: Capture[] }>();
  let chromiumVersion = 'not used';
  const buildOf = (target: HttpTarget) =>
    target.buildInfo?.() ?? fetchBuildInfo(target.server.origin, config.interactionTimeoutMs);
  for (const target of options.targets) {
    const { server } = target;
    const build = await buildOf(target);
    let captures: Capture[];
    ({ captures, chromiumVersion } = await captureAll(
      options.chromiumPath,
      config,
      server.origin,
      options.scopeTag,
      target.browserRequests,
      options.failures,
      options.progress,
    ));
    const captureFile: CaptureFile = {
      origin: server.origin,
      build,
      scopeTag: options.scopeTag,
      chromiumVersion,
      captures,
    };
    store.writeJson(target.build === CURRENT_BUILD ? 'capture.json' : `capture-${target.build}.json`, captureFile);
    for (const written of writeExports(captureFile, config.exports, store.dir))
      options.progress.log(`export: ${path.relative(process.cwd(), written)}`);
    if (config.exports.length && server.pid !== null) {
      // Action ids belong to the build: a deployment's load test must be captured from that deployment.
      options.progress.log(
        `export: these load tests target ${server.origin}, this run's own server, gone when it ends; to load a deployment, capture from it: npm run bench -- --suite http --target URL --export ${config.exports.join(',')}`,
      );
    }
    served.set(target.build, {
      origin: server.origin,
      remote: server.pid === null,
      ...build,
      scopeTag: options.scopeTag,
      captures,
    });
  }
  const notLoaded = config.scenarios.filter(
    (id) => !config.loadScenarios.includes(id) && catalogueOf(config.app).byId(id).httpReplay === true,
  );
  if (notLoaded.length)
    options.progress.log(
      `HTTP suite: ${notLoaded.join(', ')} captured, not loaded (the ${config.profile} profile loads what the claims read: ${config.loadScenarios.join(', ') || 'none'}; --scenarios or --profile standard loads them)`,
    );
  const floor = options.startFloor ? await options.startFloor() : null;
  const servers = [
    ...options.targets.flatMap((target) => (target.server.pid === null ? [] : [target.server.pid])),
    ...(floor?.pid ? [floor.pid] : []),
  ];
  const { isolation, restore } = isolateLoad(config.pinCores, servers);
  try {
    const arms = options.targets.flatMap((target, index) => {
      const { captures } = served.get(target.build)!;
      // A matrix tags its versions' repeats; this checkout's stay untagged, as in every run before matrices.
      const loaded = {
        server: target.server,
        persisted: target.persisted,
        build: target.build === CURRENT_BUILD ? undefined : target.build,
      };
      return config.loadScenarios.flatMap((scenario) =>
        loadArms(catalogueOf(config.app).byId(scenario), captures, loaded, index === 0 ? floor : null),
      );
    });
    // Each capture's build must still be the one serving: a deployment replaced mid-run would answer 404s to old action ids.
    for (const target of options.targets)
      requireSameBuild(served.get(target.build)!, await buildOf(target), target.server.origin);
    const generator = await startLoadGenerator(isolation.generatorCores);
    options.progress.log(
      `HTTP load: generator in its own process (pid ${generator.pid}); ${isolation.pinned ? `server on core ${isolation.serverCores!.join(',')}, generator on core ${isolation.generatorCores!.join(',')}` : `not pinned (${isolation.note})`}`,
    );
    try {
      await measureHttp({
        config,
        arms,
        scopeTag: options.scopeTag,
        store,
        progress: options.progress,
        random: options.random,
        records: options.records,
        warmups: options.warmups,
        generator,
      });
    } finally {
      await generator.close();
    }
  } finally {
    restore();
    await floor?.stop();
  }
  return {
    chromiumVersion,
    served: new Map([...served].map(([label, { captures: _captures, ...server }]) => [label, server])),
    isolation,
  };
}

/** The probes: CSRF (C5), no-JS form (C6), caching (C7), public actions (C8), own lines of code (C9), client JavaScript (C10), middleware (C12), secrets (C13). */
async function runProbes(
  chromiumPath: string,
  fixture: { origin: string; dbPath: string; appDir: string },
  config: Config,
  progress: Progress,
): Promise<Results['probes']> {
  const { origin, dbPath, appDir } = fixture;
  progress.start('probes', 1);
  // Input scheduling does not matter to what a page loads: Chrome as shipped needs one launch, not two.
  const { browser, close } = await launch(chromiumPath, 'shipped');
  try {
    const clientJs = await measureClientJs(browser, origin, config.scenarios, config.interactionTimeoutMs);
    const transportCode = measureTransportCode(config.scenarios.map(scenarioById));
    const caching = await probeCaching(origin, appDir);
    const middleware = await probeMiddleware(origin, appDir);
    const secrets = await probeSecrets(browser, origin, config.interactionTimeoutMs, appDir);
    const csrf = await probeCsrf({ browser, origin, dbPath, timeoutMs: config.interactionTimeoutMs, appDir });
    const noJs = await probeNoJs({ browser, origin, dbPath, timeoutMs: config.interactionTimeoutMs });
    const publicActions = await probePublicActions({ origin, dbPath, appDir });
    // The extra builds are of bench-app: a version matrix's other versions are not probed this way.
    const builds = config.buildProbes && appDir === APP_DIR ? await probeBuilds(config.outDir) : undefined;
    progress.stop(
      `client JavaScript of ${clientJs.length} pages, code of ${transportCode.length} variants, caching, middleware, secrets, CSRF, no-JS form, public actions${builds ? ', 3 probe builds' : ''}`,
    );
    return { clientJs, transportCode, caching, middleware, secrets, csrf, noJs, publicActions, builds };
  } finally {
    await close();
  }
}

/**
 * The measure stage: config -> plan -> the run folder (samples.jsonl, the load records, capture.json, run.json), one
 * suite after another. It judges nothing: analyse (runner/analyse) turns the folder into results.json.
 */
export async function measureRun(given: Config, argv: string[], progress: Progress): Promise<MeasureOutcome> {
  const startedAt = new Date();
  // User errors first, before anything is built or started.
  const config = await resolveMatrix(given, (line) => progress.log(line));
  const needsBrowser = config.suites.some((suite) => suite !== 'micro');
  const chromiumPath = needsBrowser ? requireChromium() : null;
  if (config.port !== 0) await claimPort(config.port);
  // The lock guards this checkout's fixture build and database; a run against a deployment uses neither.
  const releaseLock = config.target === undefined ? acquireCheckoutLock() : () => undefined;
  try {
    const against =
      config.against !== undefined ? checkoutBaseline(config.against, config.app?.dir ?? undefined) : undefined;
    if (against?.lockfileDiffers)
      progress.log(
        `warning: ${against.ref}'s package-lock.json differs from this checkout's: its fixture is built with this checkout's dependencies`,
      );
    return await measure(config, argv, progress, chromiumPath, startedAt, against);
  } finally {
    releaseLock();
  }
}

/**
 * Serves a run's builds: built and started here (the fixture, its duet or matrix builds, a user's app.dir), or a
 * user's app already running at app.url, which is neither started nor stopped by the run.
 */
function serve<T>(
  options: Parameters<typeof withFixture>[0],
  app: Config['app'],
  body: (served: ReadonlyMap<BuildLabel, ServedFixture>) => Promise<T>,
): Promise<T> {
  return !app || app.dir !== null ? withFixture(options, body) : body(runningApp(app));
}

/**
 * The fixtures a run builds and serves, and how the browser plan treats them: this checkout's; with a duet's
 * baseline beside it; or one per Next version, each measured as a whole run.
 */
function fixturesOf({ against, versions, app }: Builders): { fixtures: FixtureSpec[]; builds: Builds } {
  if (app) {
    const spec = app.spec.app;
    const served = (label: BuildLabel, appDir: string): FixtureSpec => ({
      label,
      appDir,
      env: 'env' in spec ? spec.env : undefined,
      userApp: true,
      readyPath: readyPageOf(app.spec),
    });
    const current = served(CURRENT_BUILD, app.dir ?? '');
    return against
      ? { fixtures: [current, served(BASELINE_BUILD, against.appDir)], builds: DUET_BUILDS }
      : { fixtures: [current], builds: SINGLE_BUILD };
  }
  if (versions.length) {
    const fixtures = versions.map(({ label, appDir }) => ({ label, appDir }));
    return {
      fixtures,
      builds: { labels: fixtures.map(({ label }) => label) as [string, ...string[]], everyBuildWhole: true },
    };
  }
  if (against)
    return { fixtures: [...THIS_CHECKOUT, { label: BASELINE_BUILD, appDir: against.appDir }], builds: DUET_BUILDS };
  return { fixtures: [...THIS_CHECKOUT], builds: SINGLE_BUILD };
}

interface Builders {
  against: BaselineFixture | undefined;
  /** A version matrix's builds, in the order given; empty otherwise. */
  versions: NextBuild[];
  /** A user's app (--config) served instead of the fixture. */
  app: Config['app'];
}

async function measure(
  config: Config,
  argv: string[],
  progress: Progress,
  chromiumPath: string | null,
  startedAt: Date,
  against: BaselineFixture | undefined,
): Promise<MeasureOutcome> {
  const store = new RunStore(config.outDir);
  // Installs before anything is measured: a version that cannot be installed ends the run here.
  const versions: NextBuild[] = [];
  for (const version of config.next ?? [])
    versions.push(
      await prepareNextBuild(version, store.file(`install-next@${version}.log`), (line) => progress.log(line)),
    );
  const { fixtures, builds } = fixturesOf({ against, versions, app: config.app });
  // The builds measured as whole runs (suites, claims): this checkout's, or every version of a matrix.
  const wholeBuilds = builds.everyBuildWhole ? builds.labels : [CURRENT_BUILD];
  const random = seededRandom(config.seed);
  const runSnapshot = takeSnapshot();
  await sleep(500);
  const atStart = loadBetween(runSnapshot, takeSnapshot());
  if (atStart.busy)
    progress.log(
      `warning: the machine is busy before the run (${atStart.foreignCores.toFixed(2)} cores used by other processes): results will be noisier`,
    );
  const catalogue = catalogueOf(config.app);
  const plan = makePlan(
    config.scenarios.map(catalogue.byId),
    config.rttMs,
    config.suites.includes('browser') ? config.chromeModes : [],
    builds,
  );
  const measurement = emptyMeasurement(plan);
  const httpRecords: RepeatRecord[] = [];
  const httpWarmups: WarmupRecord[] = [];
  let loadIsolation: Isolation | undefined;
  const failures: MeasureFailure[] = [];
  let micro: Results['micro'];
  const probes = new Map<BuildLabel, Results['probes']>();
  let chromiumVersion = 'not used';
  let error: unknown;
  let browserMeasured = false;
  const httpServers = new Map<BuildLabel, HttpResults['server']>();
  /** The HTTP suite on these targets, keeping what it served and where the load ran. */
  const loadTargets = async (
    chromium: string,
    targets: HttpTarget[],
    scopeTag: string,
    floor: (() => Promise<AppServer>) | null,
  ) => {
    const suite = await runHttpSuite({
      chromiumPath: chromium,
      config,
      targets,
      scopeTag,
      startFloor: floor,
      failures,
      store,
      progress,
      random,
      records: httpRecords,
      warmups: httpWarmups,
    });
    chromiumVersion = suite.chromiumVersion;
    loadIsolation = suite.isolation;
    for (const [label, server] of suite.served) httpServers.set(label, server);
  };

  try {
    if (chromiumPath && config.target !== undefined) {
      const target = config.target;
      progress.log(`HTTP suite against the deployment at ${target}`);
      const deployment = {
        build: CURRENT_BUILD,
        server: { origin: target, pid: null },
        persisted: remotePersisted(target, config.interactionTimeoutMs),
        browserRequests: () => undefined,
      };
      await loadTargets(chromiumPath, [deployment], randomTag(), null);
    } else if (chromiumPath) {
      const app = config.app;
      const reset = app
        ? stateReset(app.spec.reset, path.dirname(path.resolve(app.configFile)), config.interactionTimeoutMs)
        : null;
      await serve(
        { port: config.port, serverDelayMs: config.serverDelayMs, store, progress, fixtures },
        app,
        async (servedFixtures) => {
          const fixtureOf = (label: BuildLabel) => servedFixtures.get(label)!;
          if (config.suites.includes('browser')) {
            const compared = against
              ? `, this checkout against ${against.ref} (${against.commit.slice(0, 12)})`
              : versions.length
                ? `, Next ${versions.map(({ next }) => next).join(' and ')} in the same rounds`
                : '';
            progress.log(
              `browser: ${plan.arms.length} arms in ${plan.groups.length} groups at RTT ${config.rttMs.join(', ')} ms via ${config.rttEmulation}, Chrome ${config.chromeModes.join(' and ')}${compared}`,
            );
            const origins = new Map(fixtures.map(({ label }) => [label, fixtureOf(label).server.origin]));
            await withSessions(
              {
                chromiumPath,
                modes: config.chromeModes,
                origins,
                rttEmulation: config.rttEmulation,
                timeoutMs: config.interactionTimeoutMs,
              },
              async (sessions, version) => {
                chromiumVersion = version;
                if (app) {
                  progress.log(
                    `checking every variant's interaction once${origins.size > 1 ? ` on each of ${origins.size} builds` : ''}`,
                  );
                  await checkInteractions({
                    app: app.spec,
                    configFile: app.configFile,
                    scenarios: config.scenarios.map(catalogue.byId),
                    sessions: [...origins].map(([build, origin]) => ({
                      session: sessions.get(sessionKey({ chrome: config.chromeModes[0]!, build }, true))!,
                      origin,
                    })),
                    reset,
                    timeoutMs: config.interactionTimeoutMs,
                  });
                }
                const serverGroups = new Map(fixtures.map(({ label }) => [label, fixtureOf(label).server.pid]));
                await measureBrowser({
                  config,
                  plan,
                  sessions,
                  store,
                  progress,
                  random,
                  measurement,
                  serverGroups,
                  beforePageLoad: reset ? (build) => reset(fixtureOf(build).server.origin) : undefined,
                });
              },
            );
            browserMeasured = true;
          }
          if (config.suites.includes('http')) {
            const targets = wholeBuilds.map((label) => {
              const { server, dbPath, appDir } = fixtureOf(label);
              return {
                build: label,
                server,
                persisted: app
                  ? urlPersisted(server.origin, catalogue.scenarios, config.interactionTimeoutMs)
                  : localPersisted(dbPath),
                browserRequests: browserRequestCount(browserMeasured ? measurement.samples : [], label),
                ...(app && { buildInfo: async () => appBuildInfo(app.dir === null ? null : appDir) }),
              };
            });
            // The floor writes to the first build's database, beside its fixture.
            const floor = !config.loadFloor
              ? null
              : () =>
                  startFloor({
                    port: 0,
                    dbPath: fixtureOf(wholeBuilds[0]!).dbPath,
                    serverDelayMs: config.serverDelayMs,
                    logFile: store.file('floor.log'),
                  });
            await loadTargets(chromiumPath, targets, '', floor);
          }
          for (const label of config.suites.includes('probes') ? wholeBuilds : []) {
            const { server, dbPath, appDir } = fixtureOf(label);
            if (wholeBuilds.length > 1) progress.log(`${label}: probes`);
            probes.set(
              label,
              await runProbes(chromiumPath, { origin: server.origin, dbPath, appDir }, config, progress),
            );
          }
        },
      );
    }
    // Last, with no server or browser running: in-process costs are the most sensitive to a busy machine.
    if (config.suites.includes('micro')) micro = await runMicro(config, progress);
  } catch (caught) {
    // Stopped from outside (Ctrl-C, the server gone): that is the reason, not the error it caused in flight.
    error = stopReason(caught);
  }

  const httpConditions = (label: BuildLabel): HttpConditions | undefined =>
    config.suites.includes('http')
      ? {
          mode: config.rate !== undefined ? 'rate' : config.durationSeconds !== undefined ? 'duration' : 'amount',
          server: httpServers.get(label),
          encodings: config.encodings,
          repeats: config.repeats,
          windowSeconds: config.windowSeconds,
          isolation: loadIsolation,
        }
      : undefined;
  const record: RunRecord = {
    runRecordVersion: 1,
    runId: path.basename(config.outDir),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    config: { ...config },
    environment: {
      ...describeEnvironment(chromiumVersion, argv, config.seed),
      ...(versions.length ? { next: versions.at(-1)!.next, react: versions.at(-1)!.react } : {}),
      ...(config.app && appPackages(config.app.dir)),
    },
    machine: { atStart, overall: loadBetween(runSnapshot, takeSnapshot()) },
    browser: config.suites.includes('browser')
      ? {
          rttEmulation: config.rttEmulation,
          chromeModes: config.chromeModes,
          wallSeconds: measurement.wallSeconds,
          groups: measurement.groups,
          rounds: measurement.rounds,
          failedArms: [...measurement.failedArms],
          uncommitted: measurement.uncommitted,
        }
      : undefined,
    http: versions.length ? undefined : httpConditions(CURRENT_BUILD),
    micro,
    probes: versions.length ? undefined : probes.get(CURRENT_BUILD),
    matrix: versions.length
      ? {
          versions: versions.map(({ appDir: _appDir, ...version }) => ({
            version: { ...version, probes: probes.get(version.label) },
            http: httpConditions(version.label),
          })),
        }
      : undefined,
    against: against && {
      ref: against.ref,
      commit: against.commit,
      lockfileDiffers: against.lockfileDiffers,
    },
    failures: [
      ...measurement.failures.map((failure) => ({ stage: 'browser' as const, ...failure })),
      ...failures,
      ...(error === undefined ? [] : [{ stage: 'stopped' as const, message: `${(error as Error).message ?? error}` }]),
    ],
  };
  store.writeRunRecord(record);
  return { dir: store.dir, error };
}
