import { readLoadRecords, readResults, readRunRecord, readSamples } from '../contract/store';
import type { MeasuredRun } from './analyse';
import { runRecordOf } from './compat';

/** What the analyse stage reads from a run folder: run.json (or, for older folders, its results.json), samples, load. */
export function readMeasuredRun(dir: string): MeasuredRun {
  return {
    record: readRunRecord(dir) ?? runRecordOf(readResults(dir)),
    samples: readSamples(dir),
    load: readLoadRecords(dir),
  };
}
