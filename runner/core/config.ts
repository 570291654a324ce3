import { randomInt } from 'node:crypto';
import path from 'node:path';
import { parseFlags, parseTarget } from './flags';
import { z } from 'zod';
import { UserError } from './errors';
import { PINNED_NEXT } from './packages';
import { FIRST_TRACKED_LINE, isNextSpec } from './next-versions';
import { CHROME_MODES } from './plan';
import { catalogueOf, DEFAULT_SCENARIO_IDS, SCENARIO_NAMES, SCENARIO_IDS, selectScenarios } from '../scenarios';
import { AppConfigSchema, type AppConfig } from '../contract/app-config';

export const SUITES = ['browser', 'http', 'probes', 'micro'] as const;
export const EXPORT_FORMATS = ['artillery', 'har', 'k6'] as const;
export type Suite = (typeof SUITES)[number];

/** HTTP load conditions: the browser's accept-encoding (Next gzips the action's streamed RSC response) or none. */
export const ENCODINGS = ['gzip', 'identity'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * The scenarios whose load cells a claim reads (C3 and C4: the counter); the others are loaded when named with
 * --scenarios. The server's throughput here varies by about 10% from block to block (docs/load-steady-state.md), so
 * the load A/A needs about 40 blocks to show the instrument within ±5%: standard runs them (about 12 minutes); core
 * runs 4, without the floor, to stay within 6 minutes, and holds C4 back when its A/A cannot show ±5%.
 */
const LOAD_CLAIM_SCENARIOS = ['counter'];

/** Sampling knobs per profile; flags override single values. n is samples per arm (perPageLoad per page load). */
const PROFILES = {
  /** Smoke runs and tests: 3 page loads per arm, 2 load repeats; its rows are never verdicts. */
  quick: {
    scenarios: DEFAULT_SCENARIO_IDS,
    rttMs: [0],
    nMin: 6,
    nMax: 6,
    warmup: 1,
    warmupRounds: 0,
    perPageLoad: 2,
    ciTargetMs: 5,
    budgetSeconds: 60,
    chromeModes: ['no-defer'],
    connections: [10],
    repeats: 2,
    windowSeconds: 0.2,
    loadScenarios: null,
    loadFloor: true,
    microTimeMs: 50,
  },
  /**
   * The default: the claims' core cells (counter and revalidate, which C1-C4 read), sized to end within about 7
   * minutes on 2 cores (docs/benchmarks.md). RTT 0 is the known answer's baseline and C3's row without a network;
   * 120 reaches into C1's population of RTTs (102-196 ms); a 40, 80, 120 grid was no better at passing the gates
   * (docs/verdicts.md). One discarded warm-up round; within a page load interactions vary far more than
   * page loads do, so 5 measured interactions per page load, in the reference Chrome mode only; stage 1 is 6 page
   * loads per arm, stage 2 at most 10, and the budget bounds the browser phase (a round that would end past it does
   * not start; which rule ended a group does not decide its verdicts). Under load, 4 palindromic blocks of 1 s
   * windows (3 degrees of freedom per ratio) after the warm-up: about 2 minutes.
   */
  core: {
    scenarios: DEFAULT_SCENARIO_IDS,
    rttMs: [0, 60, 120],
    nMin: 30,
    nMax: 50,
    warmup: 1,
    warmupRounds: 1,
    perPageLoad: 5,
    ciTargetMs: 3,
    budgetSeconds: 265,
    chromeModes: ['no-defer'],
    connections: [10],
    repeats: 4,
    windowSeconds: 1,
    loadScenarios: LOAD_CLAIM_SCENARIOS,
    loadFloor: false,
    microTimeMs: 250,
  },
  /**
   * Every scenario of the catalogue on core's RTT grid and Chrome modes. A round loads each of 135 arms once (the
   * payload cases over a 10 Mbit/s link among them) and took 7 minutes here, so every arm gets 5 page loads in one
   * stage (no stage 2 to plan) within a 40-minute browser budget; docs/benchmarks.md has its wall time.
   */
  standard: {
    scenarios: SCENARIO_IDS,
    rttMs: [0, 60, 120],
    nMin: 15,
    nMax: 15,
    warmup: 1,
    warmupRounds: 1,
    perPageLoad: 3,
    ciTargetMs: 4,
    budgetSeconds: 2400,
    chromeModes: ['no-defer', 'shipped'],
    connections: [10],
    repeats: 40,
    windowSeconds: 1,
    loadScenarios: LOAD_CLAIM_SCENARIOS,
    loadFloor: true,
    microTimeMs: 250,
  },
  /**
   * Regression tracking (CI, `--baseline`, `--against`): RTT 0 only, in the accuracy Chrome mode, with more page
   * loads than standard. A server-side change shows most at RTT 0, where the noise band (5% and 2 ms) is
   * smallest against it; there page-load medians spread by 10-25% on 2 shared cores, so it takes 12-15 page
   * loads per arm of 5 interactions each, after 2 discarded warm-up rounds, to find a 5 ms slowdown (README
   * "Regression tracking"). The claims, which need the RTT grid and shipped Chrome, stay inconclusive.
   */
  ci: {
    scenarios: DEFAULT_SCENARIO_IDS,
    rttMs: [0],
    nMin: 60,
    nMax: 75,
    warmup: 1,
    warmupRounds: 2,
    perPageLoad: 5,
    ciTargetMs: 2,
    budgetSeconds: 300,
    chromeModes: ['no-defer'],
    connections: [10],
    repeats: 4,
    windowSeconds: 1,
    loadScenarios: LOAD_CLAIM_SCENARIOS,
    loadFloor: false,
    microTimeMs: 250,
  },
} as const;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as [ProfileName, ...ProfileName[]];

/** --timeout's default: an interaction, a page load or a request that takes longer fails its cell. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export const ConfigSchema = z.object({
  profile: z.enum(PROFILE_NAMES),
  suites: z.array(z.enum(SUITES)).min(1),
  scenarios: z.array(z.string()).min(1),
  rttMs: z.array(z.number().int().min(0).max(2000)).min(1),
  nMin: z.number().int().min(3),
  nMax: z.number().int().min(3),
  /** Interactions after each page load that are measured but discarded. */
  warmup: z.number().int().min(0),
  /**
   * Whole rounds at the start whose page loads are measured but discarded: a freshly started server gets faster
   * over its first rounds (JIT), which is noise when a run is compared with another run.
   */
  warmupRounds: z.number().int().min(0).default(0),
  /** Measured interactions per page load: the page is reloaded (with a fresh scope) after these. */
  perPageLoad: z.number().int().min(1),
  /** Stop sampling a comparison once its 95% CI half-width is at most this (ms). */
  ciTargetMs: z.number().positive(),
  /** Wall-clock budget of the browser phase; comparisons still open then are reported as they stand. */
  budgetSeconds: z.number().positive(),
  interactionTimeoutMs: z.number().int().positive(),
  serverDelayMs: z.number().int().min(0),
  /** HTTP load: closed-model connection counts. */
  connections: z.array(z.number().int().min(1).max(1000)).min(1),
  /** HTTP load: blocks; each runs every cell of a group twice, as a palindrome, and ratios pair within a block. */
  repeats: z.number().int().min(2),
  /** HTTP load: each measured window holds this many seconds of load at the cell's warmed-up rate (fixed work). */
  windowSeconds: z.number().positive(),
  /** HTTP load: the scenarios replayed under load (the others are captured only). */
  loadScenarios: z.array(z.string()),
  /** HTTP load: a bare node:http server over the same services beside the fixture, loaded like a variant. */
  loadFloor: z.boolean(),
  /** HTTP load: the server and the load generator on disjoint cores (taskset, Linux), or wherever the kernel puts them. */
  pinCores: z.boolean(),
  /** HTTP load, fixed work overriding the above: exactly this many interactions per window. */
  amount: z.number().int().min(1).optional(),
  /** HTTP load, fixed time per window instead of fixed work. */
  durationSeconds: z.number().positive().optional(),
  /** HTTP load, open model: interactions per second, arriving on a schedule independent of responses. */
  rate: z.number().positive().optional(),
  arrivals: z.enum(['constant', 'poisson']),
  encodings: z.array(z.enum(ENCODINGS)).min(1),
  /** Micro-benchmarks: tinybench time per task. */
  microTimeMs: z.number().int().positive(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** The link's rate in each direction for every scenario (--bandwidth); absent: each scenario's own (payload: 10 Mbit/s), else none. */
  bandwidth: z.object({ toServer: z.number().positive(), toClient: z.number().positive() }).optional(),
  /** How RTT is emulated: a netem-like loopback delay proxy (default) or Chromium's CDP latency. */
  rttEmulation: z.enum(['proxy', 'cdp']),
  /** Chrome input-scheduling modes measured (see plan.ts): no-defer (every variant) and shipped (C1's variants). */
  chromeModes: z.array(z.enum(CHROME_MODES)).min(1),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535),
  /** Probes that need extra `next build`s (action-id stability, the server-only guard): about a minute. */
  buildProbes: z.boolean(),
  /** The HTTP suite against a deployment of the fixture (an origin) instead of the local production server. */
  target: z.string().optional(),
  /** Files written from the capture beside capture.json (runner/export). */
  exports: z.array(z.enum(EXPORT_FORMATS)),
  /** A stored run (folder or results.json) every metric of this run is compared with at the end (runner/analyse/compare). */
  baseline: z.string().optional(),
  /** A duet: the fixture at this git ref is built beside the current one and its browser arms run in the same rounds. */
  against: z.string().optional(),
  /**
   * A version matrix: the fixture built and measured against each of these Next versions, in this order. As given:
   * exact versions, release lines (`16.2`) or `lines`; a run's record holds the exact versions they resolved to.
   */
  next: z.array(z.string()).min(1).optional(),
  /** budgetSeconds is each version's (the profile's, no --budget given): the run's is it times the versions resolved. */
  budgetPerVersion: z.boolean().optional(),
  /**
   * A user's own app (--config mutation-bench.config.ts) measured instead of the fixture: the file, the app's folder
   * (absolute) when it is built here, and what the file says. run.json keeps it, so a recompute needs no config file.
   */
  app: z.object({ configFile: z.string(), dir: z.string().nullable(), spec: AppConfigSchema }).optional(),
  outDir: z.string(),
});

export type Config = z.infer<typeof ConfigSchema>;

/** A --help entry's text wrapped to the help's width, its continuation lines under the first. */
function usageLines(text: string): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 1 <= 96) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join(`\n${' '.repeat(22)}`);
}

export const USAGE = `Usage: npm run bench -- [options]

  --suite LIST        browser, http, probes, micro (default: all four)
  --scenarios LIST    ${usageLines(`comma-separated scenarios (${SCENARIO_NAMES.join(', ')}), or all; a family (form, payload) selects its cases; default: the profile's (${DEFAULT_SCENARIO_IDS.join(', ')}; standard: all)`)}
  --bandwidth RATE    the emulated link's rate for every scenario, each direction (10mbit, 500kbit, 1gbit), or
                      DOWN/UP (50mbit/10mbit); default: none, except payload's own 10mbit
  --rtt LIST          emulated round-trip times in ms, e.g. 0,50,100; default: the profile's (quick 0, core and
                      standard 0,60,120); the lowest is the known answer's baseline
  --profile NAME      core (default: the claims' core cells, about 7 minutes) | standard (every scenario, about
                      48 minutes) | quick (smoke) | ci (regression tracking: RTT 0, no-defer, more page loads)
  --out DIR           the run's folder (default reports/runs/<run-id>)
  --seed N            seed for the randomized order and arrival times (default: random, recorded)
  --rtt-emulation M   proxy (default: a loopback proxy delaying each direction by rtt/2) | cdp (Chromium's
                      emulated latency, which hides server time; kept to show the difference)
  --chrome LIST       Chrome input scheduling: no-defer (DeferRendererTasksAfterInput off: every variant, the
                      accuracy reference), shipped (as users run it: the variants C1 reads); default: the profile's
                      (standard both, the others no-defer)
  --port N            port for the fixture server on 127.0.0.1 (default: a free one)
  --n-min N           samples per arm in stage 1 (the stage-2 size is planned from them)
  --n-max N           samples per arm at most
  --ci-target MS      plan stage 2 so that every comparison's 95% CI half-width is about MS
  --budget SECONDS    wall-clock budget of the browser phase
  --connections LIST  HTTP load: closed-model connection counts (default 10; the full grid: 1,10,50)
  --repeats N         HTTP load: blocks, each running every cell twice as a palindrome (A B B A) after a
                      warm-up to a steady state (default 4; standard 40; quick 2)
  --window SECONDS    HTTP load: seconds of load per measured window, at the cell's warmed-up rate (default 1;
                      quick 0.2)
  --pin on|off        HTTP load: the server and the load generator on disjoint cores with taskset (default on,
                      where taskset and 2 or more cores are there)
  --floor on|off      HTTP load: also load the floor, a bare node:http server over the same services (default
                      off; standard and quick on)
  --amount N          HTTP load: exactly N interactions per window instead of --window's
  --duration SECONDS  HTTP load: run each window for a fixed time instead of a fixed amount
  --rate N            HTTP load: open model, N interactions per second arriving on a fixed schedule
  --arrivals M        open model: constant (default) | poisson
  --encoding LIST     HTTP load: gzip (the browser's accept-encoding), identity (none); default both
  --timeout MS        an interaction, page load or request not done after MS fails its cell (default 10000)
  --server-delay MS   server-side work added to every mutation, for every transport alike (default 0)
  --build-probes      probes suite: also build the fixture three more times (action ids with and without the
                      key, a server-only misuse that must fail the build): about a minute more
  --target URL        HTTP suite only: capture from and load a deployment of the fixture at URL (an origin)
                      instead of the local server; the deployment needs BENCH_INTEGRITY=1 (docs/distributed.md)
  --export LIST       artillery, har, k6: write the captured interactions beside capture.json as an Artillery
                      test, a HAR 1.2 file, a k6 script (npm run export re-exports a run with other settings)
  --baseline RUN      compare every metric with a stored run (its folder or results.json) at the end: exit 3
                      on a regression beyond the noise band (npm run compare, docs/regression-tracking.md)
  --against REF       a duet: build the fixture at git REF beside this checkout's and measure both as browser
                      arms in the same randomized rounds; exit 3 on a regression of this checkout against it
  --next LIST         a version matrix: Next versions (16.4.5), release lines (16.2: its newest patch) or
                      "lines" (the newest patch of every line from ${FIRST_TRACKED_LINE}); each is installed once into
                      an isolated cache (MUTATION_BENCH_CACHE, default ~/.cache/mutation-bench), built and served;
                      browser arms of every version run in the same rounds, the other suites per version; each
                      version's claims, and each version against the one before it (default: the pinned ${PINNED_NEXT})
  --config FILE       ${usageLines("measure your own Next.js app instead of the fixture: FILE is its mutation-bench.config.ts (the app's folder or URL, each variant's page, the interaction, the baseline variant; README \"Measure your own app\"); suites browser and http, every scenario of the file unless --scenarios names some; with --against REF the app's folder at REF is built beside it")}
  --json              print results.json's summary (claims, the bottom line, every cell and comparison with its
                      CI) as JSON on stdout; everything else goes to stderr
  --help              this text

Exit codes: 0 a complete run, nothing regressed; 1 a failed or stopped run (what it measured is kept, results.json
marked incomplete); 2 a mistake in the command (nothing started); 3 a complete run that found a regression
(--against, --next, --baseline).`;

const FLAGS = {
  suite: { type: 'string' },
  scenarios: { type: 'string' },
  connections: { type: 'string' },
  amount: { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  encoding: { type: 'string' },
  arrivals: { type: 'string' },
  repeats: { type: 'string' },
  window: { type: 'string' },
  pin: { type: 'string' },
  floor: { type: 'string' },
  chrome: { type: 'string' },
  rtt: { type: 'string' },
  profile: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  port: { type: 'string' },
  'rtt-emulation': { type: 'string' },
  bandwidth: { type: 'string' },
  'n-min': { type: 'string' },
  'n-max': { type: 'string' },
  'ci-target': { type: 'string' },
  budget: { type: 'string' },
  'server-delay': { type: 'string' },
  timeout: { type: 'string' },
  'build-probes': { type: 'boolean' },
  target: { type: 'string' },
  export: { type: 'string' },
  baseline: { type: 'string' },
  against: { type: 'string' },
  next: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** A flag's non-negative number, or a UserError naming the flag. */
export function numberFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new UserError(`--${name} takes a non-negative number (got "${raw}")`);
  return Number(raw);
}

const RATE_UNITS = { kbit: 1e3, mbit: 1e6, gbit: 1e9 } as const;

/** --bandwidth: one rate for both directions, or DOWN/UP; bits per second. */
export function bandwidthFlag(raw: string | undefined): { toServer: number; toClient: number } | undefined {
  if (raw === undefined) return undefined;
  const rates = raw.split('/').map((part) => /^(\d+(?:\.\d+)?)(kbit|mbit|gbit)$/.exec(part.trim().toLowerCase()));
  if (rates.length > 2 || rates.some((match) => match === null || Number(match[1]) <= 0)) {
    throw new UserError(
      `--bandwidth takes a rate such as 10mbit, 500kbit or 1gbit, or DOWN/UP such as 50mbit/10mbit (got "${raw}")`,
    );
  }
  const [down, up = down] = rates.map(
    (match) => Number(match![1]) * RATE_UNITS[match![2] as keyof typeof RATE_UNITS],
  ) as [number, number?];
  return { toClient: down, toServer: up };
}

function onOffFlag(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw !== 'on' && raw !== 'off') throw new UserError(`--${name} takes on or off (got "${raw}")`);
  return raw === 'on';
}

function listFlag(name: string, raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UserError(`--${name} takes a comma-separated list (got "${raw}")`);
  return items;
}

export function runId(startedAt: Date, seed: number): string {
  return `${startedAt.toISOString().slice(0, 19).replace(/[:]/g, '-')}Z-s${seed}`;
}

/**
 * --config's file, read by the same flag table as resolveConfig (a malformed command is refused here already):
 * loading it is asynchronous, so it comes before resolveConfig.
 */
export function configFileOf(argv: string[]): string | undefined {
  return parseFlags({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values.config;
}

/** A user's app as --config loaded it (runner/core/app-config-file.ts). */
export interface LoadedApp {
  configFile: string;
  dir: string | null;
  spec: AppConfig;
}

/** The suites a user's app is measured with: the probes and micro-benchmarks read the fixture's own pages and code. */
export const APP_SUITES: readonly Suite[] = ['browser', 'http'];

/** What the fixture-only flags do, for the one line that refuses them with --config. */
const FIXTURE_ONLY_FLAGS = {
  target: "a deployment of the fixture: give the app's URL as app: { url } in the config instead",
  next: 'a version matrix builds the fixture with each Next version',
  'server-delay': "the fixture's services add it",
  'build-probes': "the probes build the fixture's sources",
  floor: "the floor server answers the fixture's requests",
} as const;

/**
 * Flags -> validated config, or a UserError naming the fix. `null` means --help was asked for. `app`: what --config
 * named, loaded by the caller (loading a TypeScript file is asynchronous).
 */
export function resolveConfig(argv: string[], startedAt: Date, cwd: string, app?: LoadedApp): Config | null {
  const { values } = parseFlags({ args: argv, options: FLAGS, strict: true, allowPositionals: false });
  if (values.help) return null;
  if ((values.config === undefined) !== (app === undefined))
    throw new Error('resolveConfig: --config and the loaded app go together (loadAppConfig)');
  if (app) {
    const fixtureOnly = Object.keys(FIXTURE_ONLY_FLAGS).find((flag) => values[flag as 'next'] !== undefined);
    if (fixtureOnly)
      throw new UserError(
        `--${fixtureOnly} is for the fixture (${FIXTURE_ONLY_FLAGS[fixtureOnly as keyof typeof FIXTURE_ONLY_FLAGS]}): drop it from a run with --config`,
      );
    if (values.against !== undefined && app.dir === null)
      throw new UserError(
        `--against builds the app at another commit from its folder; ${app.configFile} gives a URL (app.url): give app.dir instead`,
      );
  }
  const appIds = app && catalogueOf(app).scenarios.map((scenario) => scenario.id);

  const profileName = values.profile ?? 'core';
  if (!(profileName in PROFILES)) {
    throw new UserError(`unknown --profile "${profileName}": choose ${Object.keys(PROFILES).join(' or ')}`);
  }
  const profile = PROFILES[profileName as ProfileName];

  const scenarioNames = listFlag('scenarios', values.scenarios) ?? appIds ?? profile.scenarios;
  const known = appIds ?? SCENARIO_NAMES;
  const unknown = scenarioNames.find((name) => name !== 'all' && !known.includes(name));
  if (unknown)
    throw new UserError(
      `unknown scenario "${unknown}": choose from ${known.join(', ')} or all${app ? ` (the scenarios of ${app.configFile})` : ''}`,
    );
  const scenarios = appIds
    ? appIds.filter((id) => scenarioNames.includes('all') || scenarioNames.includes(id))
    : scenarioNames.includes('all')
      ? SCENARIO_IDS
      : selectScenarios(scenarioNames);

  const suites = listFlag('suite', values.suite) ?? [...(app ? APP_SUITES : SUITES)];
  const unknownSuite = suites.find((suite) => !(SUITES as readonly string[]).includes(suite));
  if (unknownSuite) throw new UserError(`unknown suite "${unknownSuite}": choose from ${SUITES.join(', ')}`);
  const fixtureSuite = app && suites.find((suite) => !APP_SUITES.includes(suite as Suite));
  if (fixtureSuite)
    throw new UserError(
      `--suite ${fixtureSuite} reads the fixture's own pages and code: a run with --config measures ${APP_SUITES.join(' and ')}`,
    );

  const wholeNumbers = (name: string, example: string) =>
    listFlag(name, values[name as 'rtt'])?.map((item) => {
      if (!/^\d+$/.test(item))
        throw new UserError(
          `--${name} takes whole numbers separated by commas, e.g. --${name} ${example} (got "${values[name as 'rtt']}")`,
        );
      return Number(item);
    });
  const rttMs = wholeNumbers('rtt', '0,50');
  const connections = wholeNumbers('connections', '1,10,50');
  if (values.duration !== undefined && values.amount !== undefined)
    throw new UserError('--duration and --amount both fix when a load ends: pass one');

  const target = values.target === undefined ? undefined : parseTarget(values.target);
  if (target !== undefined && (suites.length !== 1 || suites[0] !== 'http')) {
    throw new UserError('--target measures a deployment under HTTP load only: add --suite http');
  }
  if (target !== undefined && (values.port !== undefined || values['server-delay'] !== undefined)) {
    throw new UserError(
      `--${values.port !== undefined ? 'port' : 'server-delay'} sets up the local fixture, which a run with --target does not start: set it on the deployment (npm run serve -- --port N --server-delay MS)`,
    );
  }
  const exports = listFlag('export', values.export) ?? [];
  const unknownExport = exports.find((format) => !(EXPORT_FORMATS as readonly string[]).includes(format));
  if (unknownExport)
    throw new UserError(`unknown --export "${unknownExport}": choose from ${EXPORT_FORMATS.join(', ')}`);
  if (exports.length && !suites.includes('http'))
    throw new UserError('--export writes what the HTTP suite captures: add http to --suite');

  if (values.against !== undefined && !suites.includes('browser'))
    throw new UserError('--against compares the two builds in the browser: add browser to --suite');
  if (values.against !== undefined && target !== undefined)
    throw new UserError('--against builds and serves two fixtures locally; --target measures a deployment: pass one');

  const next = listFlag('next', values.next);
  const unknownSpec = next?.find((spec) => !isNextSpec(spec));
  if (unknownSpec !== undefined)
    throw new UserError(
      `--next takes published versions (16.4.5), release lines (16.2: its newest patch) or "lines" (the newest patch of every line from ${FIRST_TRACKED_LINE}), e.g. --next 15.5,16.4.5,16.5 (got "${unknownSpec}")`,
    );
  if (next && values.against !== undefined)
    throw new UserError('--next and --against both add builds to compare: pass one');
  if (next && target !== undefined)
    throw new UserError('--next builds and serves each Next version locally; --target measures a deployment: pass one');
  if (next && exports.length) throw new UserError('--export writes the load tests of one build: run it without --next');
  const versions = next && [...new Set(next)];

  const seed = numberFlag('seed', values.seed) ?? randomInt(2 ** 31 - 1);
  const candidate = {
    profile: profileName,
    suites: [...new Set(suites)],
    scenarios: [...new Set(scenarios)],
    rttMs: [...new Set(rttMs ?? profile.rttMs)].sort((a, b) => a - b),
    nMin: numberFlag('n-min', values['n-min']) ?? profile.nMin,
    nMax: numberFlag('n-max', values['n-max']) ?? Math.max(profile.nMax, numberFlag('n-min', values['n-min']) ?? 0),
    warmup: profile.warmup,
    warmupRounds: profile.warmupRounds,
    perPageLoad: profile.perPageLoad,
    ciTargetMs: numberFlag('ci-target', values['ci-target']) ?? profile.ciTargetMs,
    // A version matrix samples every version's arms in the same rounds: the profile's budget is per version,
    // multiplied once the release lines are resolved to versions (resolveMatrix, runner/measure/fixture/matrix-install.ts).
    budgetSeconds: numberFlag('budget', values.budget) ?? profile.budgetSeconds,
    budgetPerVersion: versions !== undefined && values.budget === undefined,
    interactionTimeoutMs: numberFlag('timeout', values.timeout) ?? DEFAULT_TIMEOUT_MS,
    serverDelayMs: numberFlag('server-delay', values['server-delay']) ?? 0,
    connections: [...new Set(connections ?? profile.connections)].sort((a, b) => a - b),
    repeats: numberFlag('repeats', values.repeats) ?? profile.repeats,
    windowSeconds: numberFlag('window', values.window) ?? profile.windowSeconds,
    // Scenarios named on the command line are all loaded; a profile's own list may load only what claims read.
    // An app's scenarios are all loaded: no claim reads a subset of them.
    loadScenarios:
      values.scenarios === undefined && profile.loadScenarios && !app
        ? scenarios.filter((id) => profile.loadScenarios.includes(id))
        : [...new Set(scenarios)],
    pinCores: onOffFlag('pin', values.pin) ?? true,
    loadFloor: onOffFlag('floor', values.floor) ?? (profile.loadFloor && !app),
    amount: numberFlag('amount', values.amount),
    durationSeconds: numberFlag('duration', values.duration),
    rate: numberFlag('rate', values.rate),
    arrivals: values.arrivals ?? 'constant',
    encodings: [...new Set(listFlag('encoding', values.encoding) ?? ENCODINGS)],
    microTimeMs: profile.microTimeMs,
    seed,
    rttEmulation: values['rtt-emulation'] ?? 'proxy',
    bandwidth: bandwidthFlag(values.bandwidth),
    chromeModes: [...new Set(listFlag('chrome', values.chrome) ?? profile.chromeModes)],
    port: numberFlag('port', values.port) ?? 0,
    buildProbes: values['build-probes'] ?? false,
    target,
    exports: [...new Set(exports)],
    baseline: values.baseline === undefined ? undefined : path.resolve(cwd, values.baseline),
    against: values.against,
    next: versions,
    app,
    outDir: path.resolve(cwd, values.out ?? path.join('reports', 'runs', runId(startedAt, seed))),
  };
  const parsed = ConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`invalid ${issue.path.join('.')}: ${issue.message} (see --help)`);
  }
  if (parsed.data.nMax < parsed.data.nMin)
    throw new UserError(`--n-max (${parsed.data.nMax}) is below --n-min (${parsed.data.nMin})`);
  const widest = Math.max(...parsed.data.connections);
  if (parsed.data.amount !== undefined && parsed.data.amount < widest) {
    throw new UserError(
      `--amount ${parsed.data.amount} is below --connections ${widest}: every connection needs an interaction; pass --amount ${widest} or more`,
    );
  }
  return parsed.data;
}
