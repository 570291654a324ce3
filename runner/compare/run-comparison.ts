import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { readMeasurements } from '../recompute';
import type { Results } from '../results/schema';
import { readResults } from '../results/store';
import { compareRuns, comparisonMarkdown, runMetrics, type MetricComparison, type NoiseBand } from './compare';

/** A run folder, or its results.json. */
export function runFolder(given: string): string {
  const resolved = path.resolve(given);
  return fs.existsSync(resolved) && fs.statSync(resolved).isFile() ? path.dirname(resolved) : resolved;
}

/** Reads two run folders (schema checked: a bad or older file is a UserError) and compares what they share. */
export function compareRunFolders(baselineGiven: string, candidateGiven: string, band: NoiseBand): { rows: MetricComparison[]; markdown: string } {
  const [baseline, candidate] = [runFolder(baselineGiven), runFolder(candidateGiven)].map((dir) => {
    const results = readResults(dir);
    return { dir, results, metrics: runMetrics(results, readMeasurements(dir).samples ?? []) };
  });
  requireSameSampling(baseline!.results, candidate!.results);
  const rows = compareRuns(baseline!.metrics, candidate!.metrics, band);
  if (rows.length === 0) {
    throw new UserError(`${baseline!.dir} and ${candidate!.dir} share no metric (other scenarios, RTTs, Chrome modes or suites): compare runs made with the same flags`);
  }
  const markdown = comparisonMarkdown(rows, { baseline: baseline!.results.runId, candidate: candidate!.results.runId }, band, 'stored');
  return { rows, markdown };
}

/**
 * Prints a comparison, writes it beside the run (when `file` is given) and appends it to the GitHub job summary
 * when there is one. Returns how many metrics regressed.
 */
export function publishComparison({ rows, markdown }: { rows: readonly MetricComparison[]; markdown: string }, file?: string): number {
  console.log(markdown);
  if (file) fs.writeFileSync(file, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
  return rows.filter((row) => row.verdict === 'regression').length;
}

/** How a run samples: two runs that differ here measure different things under the same metric names. */
const SAMPLING_KEYS = ['profile', 'rttEmulation', 'perPageLoad', 'warmup', 'warmupRounds'] as const;

/** Refuses (UserError) to compare runs that sample differently; `candidate` may be a run about to start. */
export function requireSameSampling(baseline: Pick<Results, 'runId' | 'config'>, candidate: Pick<Results, 'runId' | 'config'>): void {
  for (const key of SAMPLING_KEYS) {
    const [was, is] = [baseline.config[key], candidate.config[key]];
    // Runs from before a key existed sampled as its default.
    if (was !== undefined && is !== undefined && JSON.stringify(was) !== JSON.stringify(is)) {
      throw new UserError(`${baseline.runId} was measured with ${key} ${JSON.stringify(was)}, ${candidate.runId} with ${JSON.stringify(is)}: compare runs measured the same way (the same --profile)`);
    }
  }
}
