import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { evaluateClaims } from './claims/claims';
import { duetComparison } from './compare/compare';
import { PROFILE_NAMES } from './config';
import { UserError } from './errors';
import type { RepeatRecord, WarmupRecord } from './http/suite';
import { armKey, makePlan, CHROME_MODES } from './plan';
import { SampleSchema, type Results, type Sample } from './results/schema';
import { browserResultsOf, httpResultsOf, matrixResultsOf } from './results/summaries';
import { SCENARIO_IDS, scenarioById } from './scenarios';

/** What today's statistics read from a run's config (a run records its whole config; older runs lack newer keys). */
const RecomputeConfigSchema = z.object({
  profile: z.enum(PROFILE_NAMES),
  scenarios: z.array(z.string()).min(1),
  rttMs: z.array(z.number()).min(1),
  nMin: z.number().int().min(1),
  perPageLoad: z.number().int().min(1),
  warmupRounds: z.number().int().min(0).default(0),
  bandwidth: z.object({ toServer: z.number(), toClient: z.number() }).optional(),
});

/**
 * Arms whose page failed. Runs since `failedArms` was recorded say it; for older runs every arm at a failed
 * browser cell (scenario, variant, RTT) counts as failed, in every Chrome mode and as its A/A twin: its
 * comparisons stay failed rather than become verdicts.
 */
function failedArmsOf(old: Results, scenarios: readonly string[], rttMs: readonly number[]): Set<string> {
  if (old.browser?.failedArms) return new Set(old.browser.failedArms);
  const browserFailures = old.failures.filter(
    (failure) => failure.scenario !== '*' && !failure.message.startsWith('HTTP '),
  );
  const plan = makePlan(scenarios.map(scenarioById), rttMs, old.browser?.chromeModes ?? [...CHROME_MODES]);
  return new Set(
    plan.arms
      .filter((arm) =>
        browserFailures.some((f) => f.scenario === arm.scenario && f.variant === arm.variant && f.rttMs === arm.rttMs),
      )
      .map(armKey),
  );
}

/**
 * A run's results with every number and verdict rebuilt from what it measured (samples, load repeats) by
 * today's statistics and claim rules. What cannot be rebuilt from samples is kept as measured: the sampling
 * decisions (groups), probes, micro-benchmarks, the environment and the failures. Pure.
 */
/** What a run measured under load: its windows (http-repeats.jsonl) and warm-ups (http-warmup.jsonl). */
export interface LoadRecords {
  repeats: readonly RepeatRecord[];
  warmups: readonly WarmupRecord[];
}

export function recomputeResults(old: Results, samples: readonly Sample[], load: LoadRecords, now: Date): Results {
  const parsed = RecomputeConfigSchema.safeParse(old.config);
  if (!parsed.success)
    throw new UserError(
      `${old.runId}: its config lacks ${parsed.error.issues[0]!.path.join('.')}, which the statistics need: re-run the benchmark`,
    );
  const config = parsed.data;
  const unknown = config.scenarios.find((id) => !SCENARIO_IDS.includes(id));
  if (unknown)
    throw new UserError(
      `${old.runId} measured scenario "${unknown}", which this version does not know: recompute it with the version that measured it`,
    );
  const minLoads = Math.ceil(config.nMin / config.perPageLoad);
  const measured = samples.filter((sample) => !sample.warmup);
  const browserInput = old.browser && {
    scenarios: config.scenarios,
    rttMs: config.rttMs,
    measured: old.browser,
    samples: measured,
    failedArms: failedArmsOf(old, config.scenarios, config.rttMs),
    bandwidth: config.bandwidth,
  };
  const run = { profile: config.profile, minLoads, warmupRounds: config.warmupRounds };
  const matrix =
    old.matrix &&
    matrixResultsOf({
      versions: old.matrix.versions.map(({ browser: _browser, http, claims: _claims, ...version }) => ({
        version,
        http,
      })),
      browser: browserInput,
      ...load,
      run,
      band: old.matrix.band,
    });
  // The top-level sections: this checkout's, or a version matrix's last version's as the matrix summarized them.
  const shown = matrix?.versions.at(-1);
  const browser = shown ? shown.browser : browserInput && browserResultsOf(browserInput);
  const http = shown ? shown.http : old.http && httpResultsOf(old.http, load.repeats, load.warmups);
  return {
    ...old,
    recomputedAt: now.toISOString(),
    browser,
    http,
    against: old.against && { ...old.against, ...duetComparison(measured, old.against.band) },
    claims: shown ? shown.claims : evaluateClaims({ run, browser, http, probes: old.probes }),
    matrix,
  };
}

/** A JSON-lines file of a run folder, one parsed record per line; a missing file is no records. */
export function readJsonLines<T>(file: string, parse: (value: unknown) => T): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return parse(JSON.parse(line));
      } catch (error) {
        throw new UserError(
          `${file} line ${index + 1} is not a record of this version (${(error as Error).message.split('\n')[0]}): re-run the benchmark with this version`,
        );
      }
    });
}

/** A run folder's browser samples (samples.jsonl, warm-ups included); null when the folder has none. */
export function readSamples(dir: string): Sample[] | null {
  const file = path.join(dir, 'samples.jsonl');
  return fs.existsSync(file) ? readJsonLines(file, (value) => SampleSchema.parse(value)) : null;
}

/** The run folder's measurements: its browser samples (null: none) and load repeats. */
export function readMeasurements(dir: string): { samples: Sample[] | null; load: LoadRecords } {
  return {
    samples: readSamples(dir),
    // Load windows and warm-ups are the runner's own records; summarizeHttp reads only fields every version wrote.
    load: {
      repeats: readJsonLines(path.join(dir, 'http-repeats.jsonl'), (value) => value as RepeatRecord),
      warmups: readJsonLines(path.join(dir, 'http-warmup.jsonl'), (value) => value as WarmupRecord),
    },
  };
}
