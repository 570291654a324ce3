import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../runner/core/errors';
import { analyse } from '../runner/analyse/analyse';
import { readMeasuredRun } from '../runner/analyse/run-folder';
import { readResults, writeResultsFile } from '../runner/contract/store';
import { writeReport } from '../reports/write';

const USAGE = 'usage: npm run report -- [--recompute] reports/runs/<run-id>';

/**
 * npm run report -- <run folder>: re-renders a run's index.html from its results.json, measuring nothing.
 * --recompute first rebuilds results.json from the run's samples with today's statistics and claim rules (the
 * original is kept once as results.before-recompute.json).
 */
function main(args: string[]): string {
  const recompute = args[0] === '--recompute';
  const rest = recompute ? args.slice(1) : args;
  const [dir, ...extra] = rest;
  if (!dir || extra.length > 0 || dir.startsWith('-')) throw new UserError(USAGE);
  const folder = path.resolve(dir);
  if (!recompute) return writeReport(folder);
  const old = readResults(folder);
  const measured = readMeasuredRun(folder);
  const recomputed = { ...analyse(measured), recomputedAt: new Date().toISOString() };
  const backup = path.join(folder, 'results.before-recompute.json');
  if (!fs.existsSync(backup)) fs.copyFileSync(path.join(folder, 'results.json'), backup);
  writeResultsFile(folder, recomputed);
  for (const claim of recomputed.claims) {
    const before = old.claims.find((c) => c.id === claim.id)?.verdict;
    console.log(`${claim.id} ${claim.verdict}${before && before !== claim.verdict ? ` (was ${before})` : ''}`);
  }
  return writeReport(folder, measured.samples);
}

try {
  console.log(`Report: ${path.relative(process.cwd(), main(process.argv.slice(2)))}`);
} catch (error) {
  console.error(`mutation-bench: ${error instanceof UserError ? error.message : (error as Error).stack}`);
  process.exit(error instanceof UserError ? 2 : 1);
}
