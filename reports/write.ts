import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Sample } from '../runner/contract/results';
import { readResults, readSamples, writeFileAtomically } from '../runner/contract/store';
import { bencherMetricFormat, githubActionBenchmark, trackedMetrics } from './history';
import { renderReport } from './render';

// The UMD bundle is not in chart.js's exports map: find it beside the package's main entry (dist/chart.cjs).
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** For history tools beside results.json: github-action-benchmark (customSmallerIsBetter) and Bencher (BMF). */
export const HISTORY_FILES = { githubActionBenchmark: 'benchmark-action.json', bencher: 'bencher.json' } as const;

const CSV_COLUMNS = [
  'scenario',
  'variant',
  'twin',
  'rttMs',
  'chrome',
  'round',
  'index',
  'warmup',
  'latencyMs',
  'listenerLatencyMs',
  'inputDelayMs',
  'frameMs',
  'roundTrips',
  'requests',
  'bytesToServer',
  'bytesToClient',
  'newConnections',
] as const;

/** Every sample (warm-ups flagged) as CSV: what a published run offers instead of its raw samples.jsonl. */
export function samplesCsv(samples: readonly Sample[]): string {
  const rows = samples.map((s) =>
    [
      s.scenario,
      s.variant,
      s.twin,
      s.rttMs,
      s.chrome,
      s.round,
      s.index,
      s.warmup,
      s.latencyMs,
      s.listenerLatencyMs,
      s.inputDelayMs,
      s.frameMs,
      s.roundTrips,
      s.requests.length,
      s.wireBytes.toServer,
      s.wireBytes.toClient,
      s.newConnections,
    ].join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

/**
 * Renders <dir>/results.json into <dir>/index.html, the history files and, given the run's samples (by default
 * <dir>/samples.jsonl, when there is one), every sample as samples.csv.gz (what the report links to). Returns the
 * HTML file's path.
 */
export function writeReport(dir: string, samples: readonly Sample[] | null = readSamples(dir)): string {
  const results = readResults(dir);
  if (samples) writeFileAtomically(path.join(dir, 'samples.csv.gz'), gzipSync(samplesCsv(samples), { level: 9 }));
  // The history files carry each request's time to first byte, which only the samples hold: a folder without them
  // (a published run keeps its samples as CSV) keeps the files its run or publication wrote.
  const historyMade = Object.values(HISTORY_FILES).every((file) => fs.existsSync(path.join(dir, file)));
  if (samples || !historyMade) {
    const metrics = trackedMetrics(results, samples);
    writeFileAtomically(
      path.join(dir, HISTORY_FILES.githubActionBenchmark),
      `${JSON.stringify(githubActionBenchmark(metrics), null, 2)}\n`,
    );
    writeFileAtomically(
      path.join(dir, HISTORY_FILES.bencher),
      `${JSON.stringify(bencherMetricFormat(metrics), null, 2)}\n`,
    );
  }
  const file = path.join(dir, 'index.html');
  writeFileAtomically(file, renderReport(results, fs.readFileSync(CHART_JS, 'utf8')));
  return file;
}
