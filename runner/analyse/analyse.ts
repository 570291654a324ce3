import { z } from 'zod';
import { evaluateClaims } from './claims/claims';
import { DEFAULT_BAND, duetComparison } from './compare/compare';
import { PROFILE_NAMES } from '../core/config';
import { UserError } from '../core/errors';
import { CURRENT_BUILD } from '../core/plan';
import type { MeasureFailure, RepeatRecord, RunRecord, WarmupRecord } from '../contract/records';
import {
  BandwidthSchema,
  type BrowserResults,
  type HttpResults,
  type MachineLoadRow,
  type NoiseBand,
  type Results,
  type Sample,
} from '../contract/results';
import { catalogueOf, linkBandwidth } from '../scenarios';
import { AppConfigSchema, type AppConfig } from '../contract/app-config';
import { browserResultsOf, httpResultsOf, matrixResultsOf } from './sections';

/** What a run folder holds for analysis: run.json, every sample (warm-ups included) and the load records. */
export interface MeasuredRun {
  record: RunRecord;
  /** Every sample, warm-ups included; null: the folder holds no samples.jsonl (no browser suite ran). */
  samples: readonly Sample[] | null;
  load: LoadRecords;
}

/** What a run measured under load: its windows (http-repeats.jsonl) and warm-ups (http-warmup.jsonl). */
export interface LoadRecords {
  repeats: readonly RepeatRecord[];
  warmups: readonly WarmupRecord[];
}

/** What the statistics read from a run's config (a run records its whole config; older runs lack newer keys). */
const AnalysedConfigSchema = z.object({
  profile: z.enum(PROFILE_NAMES),
  scenarios: z.array(z.string()).min(1),
  rttMs: z.array(z.number()).min(1),
  nMin: z.number().int().min(1),
  perPageLoad: z.number().int().min(1),
  warmupRounds: z.number().int().min(0).default(0),
  bandwidth: BandwidthSchema.optional(),
  app: z.object({ configFile: z.string(), spec: AppConfigSchema }).optional(),
});

/**
 * The analyse stage: a run's results from what it measured, by today's statistics and claim rules. A run and
 * `npm run report -- --recompute` both come here, so a recompute of unchanged code gives back the same results.
 * Pure: the same run gives the same results.
 */
export function analyse({ record, samples, load }: MeasuredRun): Results {
  const parsed = AnalysedConfigSchema.safeParse(record.config);
  if (!parsed.success)
    throw new UserError(
      `${record.runId}: its config lacks ${parsed.error.issues[0]!.path.join('.')}, which the statistics need: re-run the benchmark`,
    );
  const config = parsed.data;
  const catalogue = catalogueOf(config.app);
  const unknown = config.scenarios.find((id) => !catalogue.scenarios.some((scenario) => scenario.id === id));
  if (unknown)
    throw new UserError(
      `${record.runId} measured scenario "${unknown}", which this version does not know: analyse it with the version that measured it`,
    );
  const measured = (samples ?? []).filter((sample) => !sample.warmup);
  const browserInput = record.browser && {
    scenarios: config.scenarios,
    rttMs: config.rttMs,
    measured: record.browser,
    samples: measured,
    failedArms: new Set(record.browser.failedArms),
    bandwidth: config.bandwidth,
    catalogue,
  };
  const run = {
    profile: config.profile,
    minLoads: Math.ceil(config.nMin / config.perPageLoad),
    warmupRounds: config.warmupRounds,
  };
  const matrix =
    record.matrix &&
    matrixResultsOf({
      versions: record.matrix.versions,
      browser: browserInput,
      ...load,
      run,
      band: record.matrix.band ?? DEFAULT_BAND,
    });
  // The top-level sections: this checkout's, or a version matrix's last version's as the matrix summarized them.
  const shown = matrix?.versions.at(-1);
  const browser = shown ? shown.browser : browserInput && browserResultsOf(browserInput);
  const http = shown
    ? shown.http
    : record.http && httpResultsOf(record.http, load.repeats, load.warmups, CURRENT_BUILD, catalogue);
  const probes = shown ? shown.probes : record.probes;
  const failures = failuresOf(record.failures, http);
  return {
    schemaVersion: 2,
    runId: record.runId,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    complete: failures.length === 0,
    failures,
    config: record.config,
    scenarios: config.scenarios.map(catalogue.byId).map((scenario) => ({
      id: scenario.id,
      summary: scenario.summary,
      expectedRoundTrips: scenario.expectedRoundTrips,
      bandwidth: linkBandwidth(scenario, config.bandwidth),
      ...(scenario.settleQuietMs ? { settleQuietMs: scenario.settleQuietMs } : {}),
    })),
    environment: record.environment,
    machine: record.machine && { ...record.machine, warnings: machineWarnings(record.machine.atStart, browser, http) },
    browser,
    http,
    micro: record.micro,
    probes,
    // The claims are about the fixture's scenarios: a user's app is reported by its variants' comparisons alone.
    claims: shown ? shown.claims : catalogue.fixture ? evaluateClaims({ run, browser, http, probes }) : [],
    ...(config.app && {
      app: {
        configFile: config.app.configFile,
        failOnRegression: config.app.spec.regression?.failOnRegression ?? true,
      },
    }),
    matrix,
    against: record.against && {
      ...record.against,
      ...duetComparison(measured, record.against.band ?? appBand(config.app?.spec) ?? DEFAULT_BAND),
    },
  };
}

/** A user's app's noise band for its duet (the config's regression; a bound it leaves out is the default's). */
function appBand(spec: AppConfig | undefined): NoiseBand | undefined {
  const regression = spec?.regression;
  return regression && { pct: regression.bandPercent ?? DEFAULT_BAND.pct, ms: regression.bandMs ?? DEFAULT_BAND.ms };
}

/** How each kind of failure reads in results.json; compat.ts reads older runs' failures back by these words. */
export const STOPPED_WORDS = 'run stopped early, what was measured before is kept: ';
export const CAPTURE_WORDS = 'HTTP capture: ';
export const LOAD_WORDS = 'HTTP load ';

/** results.json's failures: the browser's and the captures' as they happened, the failed load cells, then a stop. */
function failuresOf(recorded: readonly MeasureFailure[], http: HttpResults | undefined): Results['failures'] {
  const stopped = recorded.flatMap((failure) => (failure.stage === 'stopped' ? [failure] : []));
  return [
    ...recorded.flatMap((failure) =>
      failure.stage === 'browser'
        ? [{ scenario: failure.scenario, variant: failure.variant, rttMs: failure.rttMs, message: failure.message }]
        : failure.stage === 'capture'
          ? [
              {
                scenario: failure.scenario,
                variant: failure.variant,
                rttMs: 0,
                message: CAPTURE_WORDS + failure.message,
              },
            ]
          : [],
    ),
    ...(http?.cells ?? [])
      .filter((cell) => cell.failed)
      .map((cell) => ({
        scenario: cell.scenario,
        variant: cell.variant,
        rttMs: 0,
        message: `${LOAD_WORDS}${cell.encoding} x${cell.connections}: ${cell.failed}`,
      })),
    ...stopped.map((failure) => ({ scenario: '*', variant: '*', rttMs: 0, message: STOPPED_WORDS + failure.message })),
  ];
}

/** Warnings for a machine busy before the run and for busy stretches during it. */
function machineWarnings(
  atStart: MachineLoadRow,
  browser: BrowserResults | undefined,
  http: HttpResults | undefined,
): string[] {
  const warnings: string[] = [];
  const describe = (load: MachineLoadRow) =>
    `${load.foreignCores.toFixed(2)} cores used by other processes, steal ${(load.stealShare * 100).toFixed(1)}%`;
  if (atStart.busy) warnings.push(`The machine was busy before the run started (${describe(atStart)}).`);
  const busyRounds = browser?.rounds.filter((round) => round.busy) ?? [];
  if (busyRounds.length)
    warnings.push(
      `The machine was busy during ${busyRounds.length} of ${browser!.rounds.length} browser rounds (worst: ${describe(busyRounds.reduce((a, b) => (b.foreignCores > a.foreignCores ? b : a)))}).`,
    );
  const busyRepeats = http?.cells.reduce((sum, cell) => sum + cell.busyRepeats, 0) ?? 0;
  if (busyRepeats)
    warnings.push(`The machine was busy during ${busyRepeats} HTTP load repeats (see the cells flagged busy).`);
  return warnings;
}
