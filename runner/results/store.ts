import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { ResultsSchema, type Results, type Sample } from './schema';

/** A run's folder: samples.jsonl grows as samples are measured, so a crash loses nothing measured. */
export class RunStore {
  readonly samplesFile: string;
  readonly resultsFile: string;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.samplesFile = path.join(dir, 'samples.jsonl');
    this.resultsFile = path.join(dir, 'results.json');
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  appendSample(sample: Sample): void {
    fs.appendFileSync(this.samplesFile, `${JSON.stringify(sample)}\n`);
  }

  writeResults(results: Results): void {
    fs.writeFileSync(this.resultsFile, `${JSON.stringify(ResultsSchema.parse(results), null, 2)}\n`);
  }
}

/** Reads and validates a run's results.json; a missing or invalid file is a UserError naming it. */
export function readResults(dir: string): Results {
  const file = path.join(dir, 'results.json');
  if (!fs.existsSync(file)) throw new UserError(`${file} does not exist: pass a run folder (reports/runs/<run-id>)`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${file} is not valid JSON (${(error as Error).message}): re-run the benchmark`);
  }
  const parsed = ResultsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${file} does not match the results schema (${issue.path.join('.')}: ${issue.message}): re-run the benchmark`);
  }
  return parsed.data;
}
