import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readResults, writeFileAtomically } from '../runner/results/store';
import { renderReport } from './render';

// The UMD bundle is not in chart.js's exports map: find it beside the package's main entry (dist/chart.cjs).
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** Renders <dir>/results.json into <dir>/index.html; returns the HTML file's path. */
export function writeReport(dir: string): string {
  const html = renderReport(readResults(dir), fs.readFileSync(CHART_JS, 'utf8'));
  const file = path.join(dir, 'index.html');
  writeFileAtomically(file, html);
  return file;
}
