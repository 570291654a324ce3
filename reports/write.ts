import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readResults, writeFileAtomically } from '../runner/results/store';
import { bencherMetricFormat, githubActionBenchmark, trackedMetrics } from './history';
import { renderReport } from './render';

// The UMD bundle is not in chart.js's exports map: find it beside the package's main entry (dist/chart.cjs).
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** For history tools beside results.json: github-action-benchmark (customSmallerIsBetter) and Bencher (BMF). */
export const HISTORY_FILES = { githubActionBenchmark: 'benchmark-action.json', bencher: 'bencher.json' } as const;

/** Renders <dir>/results.json into <dir>/index.html and the history files; returns the HTML file's path. */
export function writeReport(dir: string): string {
  const results = readResults(dir);
  const metrics = trackedMetrics(results);
  writeFileAtomically(path.join(dir, HISTORY_FILES.githubActionBenchmark), `${JSON.stringify(githubActionBenchmark(metrics), null, 2)}\n`);
  writeFileAtomically(path.join(dir, HISTORY_FILES.bencher), `${JSON.stringify(bencherMetricFormat(metrics), null, 2)}\n`);
  const file = path.join(dir, 'index.html');
  writeFileAtomically(file, renderReport(results, fs.readFileSync(CHART_JS, 'utf8')));
  return file;
}
