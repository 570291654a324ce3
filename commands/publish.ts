import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError } from '../runner/core/errors';
import { readResults, readSamples, writeFileAtomically } from '../runner/contract/store';
import { renderPublishedIndex, RELEASES_PAGE } from '../reports/published';
import { renderReleaseHistory } from '../reports/releases';
import type { Results } from '../runner/contract/results';
import { writeReport } from '../reports/write';
import { PROJECT_ROOT } from '../runner/core/paths';

export const PUBLISHED_DIR = path.join(PROJECT_ROOT, 'reports', 'published');
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/**
 * Copies a complete run into <published>/<run-id>/ (results.json, its report, the history files and every sample
 * as gzipped CSV, not the raw samples.jsonl) and rewrites <published>/index.html and the release history beside it
 * (releases.html: the version-matrix runs' releases) from every run published there. Returns the index's path.
 */
export function publishRun(runDir: string, publishedDir = PUBLISHED_DIR): string {
  const results = readResults(runDir);
  if (!results.complete)
    throw new UserError(
      `${results.runId} is incomplete (${results.failures[0]?.message ?? 'see its report'}): publish a complete run`,
    );
  const target = path.join(publishedDir, results.runId);
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(runDir, 'results.json'), path.join(target, 'results.json'));
  writeReport(target, readSamples(runDir));
  const runs = publishedRuns(publishedDir);
  const chartJs = fs.readFileSync(CHART_JS, 'utf8');
  const index = path.join(publishedDir, 'index.html');
  writeFileAtomically(index, renderPublishedIndex(runs, chartJs));
  writeFileAtomically(path.join(publishedDir, RELEASES_PAGE), renderReleaseHistory(runs, chartJs));
  return index;
}

/** Every run published in `publishedDir` (a folder with its results.json); none when there is no such folder yet. */
export function publishedRuns(publishedDir: string): Results[] {
  if (!fs.existsSync(publishedDir)) return [];
  return fs
    .readdirSync(publishedDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(publishedDir, entry.name, 'results.json')))
    .map((entry) => readResults(path.join(publishedDir, entry.name)));
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { to: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1)
      throw new UserError('usage: npm run report:publish -- reports/runs/<run-id> [--to reports/published]');
    console.log(
      `Published: ${path.relative(process.cwd(), publishRun(path.resolve(positionals[0]!), values.to ? path.resolve(values.to) : PUBLISHED_DIR))}`,
    );
  } catch (error) {
    const known = error instanceof UserError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`mutation-bench: ${known ? (error as Error).message : (error as Error).stack}`);
    process.exit(known ? 2 : 1);
  }
}
