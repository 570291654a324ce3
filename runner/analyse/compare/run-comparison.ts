import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../core/errors';
import type { Results } from '../../contract/results';
import { readResults, readSamples } from '../../contract/store';
import { compareRuns, comparisonMarkdown, runMetrics, type MetricComparison, type NoiseBand } from './compare';
import { DriftModelSchema, learnDrift, machineKey, MIN_DRIFT_RUNS, type DriftModel } from './drift';
import { PROJECT_ROOT } from '../../core/paths';

/** A run folder, or its results.json. */
export function runFolder(given: string): string {
  const resolved = path.resolve(given);
  return fs.existsSync(resolved) && fs.statSync(resolved).isFile() ? path.dirname(resolved) : resolved;
}

/** A run folder's results and the metrics a comparison reads. */
function readRun(given: string) {
  const dir = runFolder(given);
  const results = readResults(dir);
  return { dir, results, metrics: runMetrics(results, readSamples(dir) ?? []) };
}

/** Where a machine's drift model is kept: beside the A/A calibrations, one file per machine. */
export const driftFile = (machine: string, dir = DRIFT_DIR) =>
  path.join(
    dir,
    `drift-${machine
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}.json`,
  );
const DRIFT_DIR = path.join(PROJECT_ROOT, 'reports', 'calibration');

/** The drift model learned on the baseline's machine, from `file` or the calibration folder; null when there is none. */
export function readDriftModel(machine: string, file?: string): DriftModel | null {
  const chosen = file ?? driftFile(machine);
  if (!fs.existsSync(chosen)) {
    if (file)
      throw new UserError(`--drift ${file}: no such file (npm run compare -- --learn-drift RUN RUN RUN writes one)`);
    return null;
  }
  const parsed = DriftModelSchema.safeParse(JSON.parse(fs.readFileSync(chosen, 'utf8')));
  if (!parsed.success)
    throw new UserError(
      `${chosen} is not a drift model of this version: learn it again (npm run compare -- --learn-drift RUN RUN RUN)`,
    );
  if (parsed.data.machine !== machine)
    throw new UserError(
      `${chosen} was learned on ${parsed.data.machine}, not on ${machine}, where the baseline ran: learn it on this machine`,
    );
  return parsed.data;
}

/** Learns the between-run drift from three or more runs of the same code, measured the same way on one machine, and writes it. */
export function learnDriftFromFolders(
  given: readonly string[],
  now: Date,
  dir = DRIFT_DIR,
): { file: string; model: DriftModel } {
  if (given.length < MIN_DRIFT_RUNS)
    throw new UserError(
      `--learn-drift needs ${MIN_DRIFT_RUNS} or more run folders of the same code (got ${given.length})`,
    );
  const runs = given.map(readRun);
  const first = runs[0]!.results;
  for (const run of runs.slice(1)) {
    requireSameSampling(first, run.results);
    if (run.results.environment.gitSha !== first.environment.gitSha)
      throw new UserError(
        `${run.results.runId} measured ${run.results.environment.gitSha.slice(0, 12)}, ${first.runId} ${first.environment.gitSha.slice(0, 12)}: drift is learned from runs of the same code`,
      );
    if (machineKey(run.results.environment) !== machineKey(first.environment))
      throw new UserError(
        `${run.results.runId} ran on ${machineKey(run.results.environment)}, ${first.runId} on ${machineKey(first.environment)}: learn drift on one machine`,
      );
  }
  const model = learnDrift(
    runs.map(({ results, metrics }) => ({ runId: results.runId, gitSha: results.environment.gitSha, metrics })),
    machineKey(first.environment),
    now,
  );
  const file = driftFile(model.machine, dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
  return { file, model };
}

/** Reads two run folders (schema checked: a bad or older file is a UserError) and compares what they share. */
export function compareRunFolders(
  baselineGiven: string,
  candidateGiven: string,
  band: NoiseBand,
  driftGiven?: string,
): { rows: MetricComparison[]; markdown: string } {
  const [baseline, candidate] = [baselineGiven, candidateGiven].map(readRun);
  requireSameSampling(baseline!.results, candidate!.results);
  const drift = readDriftModel(machineKey(baseline!.results.environment), driftGiven);
  const rows = compareRuns(baseline!.metrics, candidate!.metrics, band, false, drift);
  if (rows.length === 0) {
    throw new UserError(
      `${baseline!.dir} and ${candidate!.dir} share no metric (other scenarios, RTTs, Chrome modes or suites): compare runs made with the same flags`,
    );
  }
  const markdown = comparisonMarkdown(
    rows,
    { baseline: baseline!.results.runId, candidate: candidate!.results.runId },
    band,
    'stored',
    drift,
  );
  return { rows, markdown };
}

/**
 * Prints a comparison, writes it beside the run (when `file` is given) and appends it to the GitHub job summary
 * when there is one. Returns how many metrics regressed.
 */
export function publishComparison(
  { rows, markdown }: { rows: readonly MetricComparison[]; markdown: string },
  file?: string,
  print: (text: string) => void = console.log,
): number {
  print(markdown);
  if (file) fs.writeFileSync(file, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
  return rows.filter((row) => row.verdict === 'regression').length;
}

/** How a run samples: two runs that differ here measure different things under the same metric names. */
export const SAMPLING_KEYS = ['profile', 'rttEmulation', 'perPageLoad', 'warmup', 'warmupRounds'] as const;

/** Refuses (UserError) to compare runs that sample differently; `candidate` may be a run about to start. */
export function requireSameSampling(
  baseline: Pick<Results, 'runId' | 'config'>,
  candidate: Pick<Results, 'runId' | 'config'>,
): void {
  for (const key of SAMPLING_KEYS) {
    const [was, is] = [baseline.config[key], candidate.config[key]];
    // Runs from before a key existed sampled as its default.
    if (was !== undefined && is !== undefined && JSON.stringify(was) !== JSON.stringify(is)) {
      throw new UserError(
        `${baseline.runId} was measured with ${key} ${JSON.stringify(was)}, ${candidate.runId} with ${JSON.stringify(is)}: compare runs measured the same way (the same --profile)`,
      );
    }
  }
}
