import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../core/errors';
import type { z } from 'zod';
import { RepeatRecordSchema, RunRecordSchema, WarmupRecordSchema, type RunRecord } from './records';
import { ResultsSchema, SampleSchema, type Results, type Sample } from './results';

/** Writes a whole file at once (a temp file renamed over it): a reader never sees half a file, a crash keeps the old one. */
export function writeFileAtomically(file: string, text: string | Buffer): void {
  writeFileAtomic.sync(file, text);
}

/**
 * Makes `dir` a new run's folder, or fails with one line: it must be new or empty (a reused folder would mix two
 * runs' samples under one results.json) and writable. Missing folders are made one level at a time, because
 * Node's recursive mkdir loops forever under /proc.
 */
export function prepareRunFolder(dir: string): void {
  const fix = 'pass --out a new or empty folder you can write';
  const missing: string[] = [];
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    missing.unshift(existing);
    existing = path.dirname(existing);
  }
  if (!fs.statSync(existing).isDirectory()) throw new UserError(`--out ${dir}: ${existing} is not a folder: ${fix}`);
  if (missing.length === 0 && fs.readdirSync(dir).length > 0)
    throw new UserError(`--out ${dir} already holds files (an earlier run?): ${fix}`);
  try {
    for (const folder of missing) fs.mkdirSync(folder);
    const probe = path.join(dir, '.write-test');
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    throw new UserError(
      `--out ${dir}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${fix}`,
    );
  }
}

/** A run's folder: samples.jsonl grows as samples are measured, so a crash loses nothing measured. */
export class RunStore {
  readonly samplesFile: string;
  readonly resultsFile: string;

  /** Takes a new or empty, writable folder (prepareRunFolder); anything else is a UserError. */
  constructor(readonly dir: string) {
    prepareRunFolder(dir);
    this.samplesFile = path.join(dir, 'samples.jsonl');
    this.resultsFile = path.join(dir, 'results.json');
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  appendSample(sample: Sample): void {
    fs.appendFileSync(this.samplesFile, `${JSON.stringify(sample)}\n`);
  }

  /** A whole result file (capture.json, calibration.json), written atomically. */
  writeJson(name: string, value: unknown): void {
    writeFileAtomically(this.file(name), `${JSON.stringify(value, null, 2)}\n`);
  }

  /** run.json, validated first: the measure stage's last word on the run. */
  writeRunRecord(record: RunRecord): void {
    this.writeJson(RUN_RECORD, RunRecordSchema.parse(record));
  }
}

const RUN_RECORD = 'run.json';

/** <dir>/results.json, validated against the schema first, written atomically. */
export function writeResultsFile(dir: string, results: Results): void {
  writeFileAtomically(path.join(dir, 'results.json'), `${JSON.stringify(ResultsSchema.parse(results), null, 2)}\n`);
}

/** Reads and validates a run's results.json; a missing or invalid file is a UserError naming it. */
export function readResults(dir: string): Results {
  return readJsonFile(path.join(dir, 'results.json'), ResultsSchema, 'the results schema');
}

/** A run folder's run.json, validated; null for folders written before it existed (their results.json holds it). */
export function readRunRecord(dir: string): RunRecord | null {
  const file = path.join(dir, RUN_RECORD);
  return fs.existsSync(file) ? readJsonFile(file, RunRecordSchema, 'the run record schema') : null;
}

function readJsonFile<T>(file: string, schema: z.ZodType<T>, schemaName: string): T {
  if (!fs.existsSync(file)) throw new UserError(`${file} does not exist: pass a run folder (reports/runs/<run-id>)`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${file} is not valid JSON (${(error as Error).message}): re-run the benchmark`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${file} does not match ${schemaName} (${issue.path.join('.')}: ${issue.message}): re-run the benchmark`,
    );
  }
  return parsed.data;
}

/** A JSON-lines file of a run folder, each line validated by `schema`; a missing file is no records. */
export function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return schema.parse(JSON.parse(line));
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
  return fs.existsSync(file) ? readJsonLines(file, SampleSchema) : null;
}

/** What a run folder measured under load: its windows and their warm-ups. */
export function readLoadRecords(dir: string) {
  return {
    repeats: readJsonLines(path.join(dir, 'http-repeats.jsonl'), RepeatRecordSchema),
    warmups: readJsonLines(path.join(dir, 'http-warmup.jsonl'), WarmupRecordSchema),
  };
}
