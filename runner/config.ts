import { randomInt } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UserError } from './errors';
import { SCENARIO_IDS } from './scenarios';

export const SUITES = ['browser', 'http', 'micro'] as const;
export type Suite = (typeof SUITES)[number];

/** Sampling knobs per profile; flags override single values. */
const PROFILES = {
  /** Smoke runs and tests: 3 page loads per arm, no auto-sampling beyond n_min; its CIs are not for verdicts. */
  quick: {
    rttMs: [0], nMin: 6, nMax: 6, warmup: 1, perPageLoad: 2, ciTargetMs: 5, budgetSeconds: 60,
    connections: [10], interactionsPerConnection: 20, minInteractions: 100, microTimeMs: 50,
  },
  /** The default: auto-sampling until each CI is tight enough or decisive, within the 6-minute total budget. */
  standard: {
    // 3 measured interactions per page load: the CI resamples page loads, so it needs many of them (n_min 30 = 10).
    rttMs: [0, 50, 100], nMin: 30, nMax: 90, warmup: 1, perPageLoad: 3, ciTargetMs: 4, budgetSeconds: 200,
    connections: [1, 10, 50], interactionsPerConnection: 40, minInteractions: 300, microTimeMs: 250,
  },
} as const;

export type ProfileName = keyof typeof PROFILES;

export const ConfigSchema = z.object({
  profile: z.enum(['quick', 'standard']),
  suites: z.array(z.enum(SUITES)).min(1),
  scenarios: z.array(z.string()).min(1),
  rttMs: z.array(z.number().int().min(0).max(2000)).min(1),
  nMin: z.number().int().min(3),
  nMax: z.number().int().min(3),
  /** Interactions after each page load that are measured but discarded. */
  warmup: z.number().int().min(0),
  /** Measured interactions per page load: the page is reloaded (with a fresh scope) after these. */
  perPageLoad: z.number().int().min(1),
  /** Stop sampling a comparison once its 95% CI half-width is at most this (ms). */
  ciTargetMs: z.number().positive(),
  /** Wall-clock budget of the browser phase; comparisons still open then are reported as they stand. */
  budgetSeconds: z.number().positive(),
  resamples: z.number().int().min(2000),
  interactionTimeoutMs: z.number().int().positive(),
  serverDelayMs: z.number().int().min(0),
  /** HTTP load: closed-model connection counts. */
  connections: z.array(z.number().int().min(1).max(1000)).min(1),
  /** HTTP load, fixed work (default): interactions per cell = max(minInteractions, connections x this). */
  interactionsPerConnection: z.number().int().min(1),
  minInteractions: z.number().int().min(1),
  /** HTTP load, fixed work overriding the above: exactly this many interactions per cell. */
  amount: z.number().int().min(1).optional(),
  /** HTTP load, fixed time instead of fixed work. */
  durationSeconds: z.number().positive().optional(),
  /** HTTP load, open model: interactions per second. */
  rate: z.number().positive().optional(),
  acceptEncoding: z.enum(['browser', 'none']),
  /** Micro-benchmarks: tinybench time per task. */
  microTimeMs: z.number().int().positive(),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  /** How RTT is emulated: a netem-like loopback delay proxy (default) or Chromium's CDP latency. */
  rttEmulation: z.enum(['proxy', 'cdp']),
  /** Keep Chromium's shipped DeferRendererTasksAfterInput (see browser/chromium.ts). */
  chromeDeferAfterInput: z.boolean(),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535),
  outDir: z.string(),
});

export type Config = z.infer<typeof ConfigSchema>;

export const USAGE = `Usage: npm run bench -- [options]

  --suite LIST        browser, http, micro (default: all three)
  --scenarios LIST    comma-separated scenario ids (${SCENARIO_IDS.join(', ')}); default: all
  --rtt LIST          emulated round-trip times in ms, e.g. 0,50,100; default: the profile's (quick 0, standard 0,50,100)
  --profile NAME      quick | standard (default standard)
  --out DIR           the run's folder (default reports/runs/<run-id>)
  --seed N            seed for the randomized order and the bootstrap (default: random, recorded)
  --rtt-emulation M   proxy (default: a loopback proxy delaying each direction by rtt/2) | cdp (Chromium's
                      emulated latency, which hides server time; kept to show the difference)
  --chrome-defer-after-input
                      keep Chromium's shipped deferral of tasks until the frame after a click (off by
                      default: it quantizes sub-frame differences; see README "What is measured")
  --port N            port for the fixture server on 127.0.0.1 (default: a free one)
  --n-min N           samples per arm before any stopping rule applies
  --n-max N           samples per arm at most
  --ci-target MS      stop a comparison once its 95% CI half-width is at most MS
  --budget SECONDS    wall-clock budget of the browser phase
  --connections LIST  HTTP load: closed-model connection counts (quick 10, standard 1,10,50)
  --amount N          HTTP load: interactions per cell (default: max(300, 40 x connections); quick 100)
  --duration SECONDS  HTTP load: run each cell for a fixed time instead of a fixed amount
  --rate N            HTTP load: open model, N interactions per second over all connections
  --accept-encoding M browser (default: replay the browser's accept-encoding, gzip) | none
  --timeout MS        an interaction that has not shown its result after MS fails its cell (default 10000)
  --server-delay MS   server-side work added to every mutation, for every transport alike (default 0)
  --help              this text`;

const FLAGS = {
  suite: { type: 'string' },
  scenarios: { type: 'string' },
  connections: { type: 'string' },
  amount: { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  'accept-encoding': { type: 'string' },
  rtt: { type: 'string' },
  profile: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  port: { type: 'string' },
  'rtt-emulation': { type: 'string' },
  'chrome-defer-after-input': { type: 'boolean' },
  'n-min': { type: 'string' },
  'n-max': { type: 'string' },
  'ci-target': { type: 'string' },
  budget: { type: 'string' },
  'server-delay': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function numberFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new UserError(`--${name} takes a non-negative number (got "${raw}")`);
  return Number(raw);
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

/** Flags -> validated config, or a UserError naming the fix. `null` means --help was asked for. */
export function resolveConfig(argv: string[], startedAt: Date, cwd: string): Config | null {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; args: string[] }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UserError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  if (values.help) return null;

  const profileName = values.profile ?? 'standard';
  if (!(profileName in PROFILES)) {
    throw new UserError(`unknown --profile "${profileName}": choose ${Object.keys(PROFILES).join(' or ')}`);
  }
  const profile = PROFILES[profileName as ProfileName];

  const scenarios = listFlag('scenarios', values.scenarios) ?? SCENARIO_IDS;
  const unknown = scenarios.find((id) => !SCENARIO_IDS.includes(id));
  if (unknown) throw new UserError(`unknown scenario "${unknown}": choose from ${SCENARIO_IDS.join(', ')}`);

  const suites = listFlag('suite', values.suite) ?? [...SUITES];
  const unknownSuite = suites.find((suite) => !(SUITES as readonly string[]).includes(suite));
  if (unknownSuite) throw new UserError(`unknown suite "${unknownSuite}": choose from ${SUITES.join(', ')}`);

  const wholeNumbers = (name: string, example: string) =>
    listFlag(name, values[name as 'rtt'])?.map((item) => {
      if (!/^\d+$/.test(item)) throw new UserError(`--${name} takes whole numbers separated by commas, e.g. --${name} ${example} (got "${values[name as 'rtt']}")`);
      return Number(item);
    });
  const rttMs = wholeNumbers('rtt', '0,50');
  const connections = wholeNumbers('connections', '1,10,50');
  if (values.duration !== undefined && values.amount !== undefined) throw new UserError('--duration and --amount both fix when a load ends: pass one');

  const seed = numberFlag('seed', values.seed) ?? randomInt(2 ** 31 - 1);
  const candidate = {
    profile: profileName,
    suites: [...new Set(suites)],
    scenarios: [...new Set(scenarios)],
    rttMs: [...new Set(rttMs ?? profile.rttMs)].sort((a, b) => a - b),
    nMin: numberFlag('n-min', values['n-min']) ?? profile.nMin,
    nMax: numberFlag('n-max', values['n-max']) ?? Math.max(profile.nMax, numberFlag('n-min', values['n-min']) ?? 0),
    warmup: profile.warmup,
    perPageLoad: profile.perPageLoad,
    ciTargetMs: numberFlag('ci-target', values['ci-target']) ?? profile.ciTargetMs,
    budgetSeconds: numberFlag('budget', values.budget) ?? profile.budgetSeconds,
    resamples: 2000,
    interactionTimeoutMs: numberFlag('timeout', values.timeout) ?? 10_000,
    serverDelayMs: numberFlag('server-delay', values['server-delay']) ?? 0,
    connections: [...new Set(connections ?? profile.connections)].sort((a, b) => a - b),
    interactionsPerConnection: profile.interactionsPerConnection,
    minInteractions: profile.minInteractions,
    amount: numberFlag('amount', values.amount),
    durationSeconds: numberFlag('duration', values.duration),
    rate: numberFlag('rate', values.rate),
    acceptEncoding: values['accept-encoding'] ?? 'browser',
    microTimeMs: profile.microTimeMs,
    seed,
    rttEmulation: values['rtt-emulation'] ?? 'proxy',
    chromeDeferAfterInput: values['chrome-defer-after-input'] ?? false,
    port: numberFlag('port', values.port) ?? 0,
    outDir: path.resolve(cwd, values.out ?? path.join('reports', 'runs', runId(startedAt, seed))),
  };
  const parsed = ConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`invalid ${issue.path.join('.')}: ${issue.message} (see --help)`);
  }
  if (parsed.data.nMax < parsed.data.nMin) throw new UserError(`--n-max (${parsed.data.nMax}) is below --n-min (${parsed.data.nMin})`);
  return parsed.data;
}
