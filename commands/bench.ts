import { runMain } from '../runner/core/cleanup';
import { configFileOf, resolveConfig, USAGE } from '../runner/core/config';
import { EXIT, RunInterrupted, ServerExited, UserError } from '../runner/core/errors';
import { loadAppConfig } from '../runner/core/app-config-file';
import { createProgress } from '../runner/core/progress';
import { measureRun } from '../runner/measure/run';
import { analyse } from '../runner/analyse/analyse';
import { readMeasuredRun } from '../runner/analyse/run-folder';
import { readResults, writeResultsFile } from '../runner/contract/store';
import { writeReport } from '../reports/write';
import { comparisonMarkdown, DEFAULT_BAND } from '../runner/analyse/compare/compare';
import {
  compareRunFolders,
  publishComparison,
  requireSameSampling,
  runFolder,
} from '../runner/analyse/compare/run-comparison';
import path from 'node:path';
import { jsonSummary, terminalSummary } from '../reports/terminal';

/** --json is about where the answer goes, not what is measured: it stays out of the run's recorded flags. */
const JSON_FLAG = '--json';

/** Exit codes (errors.ts EXIT): 0 complete, 1 failed run (what was measured is kept), 2 user error, 3 regression. */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes(JSON_FLAG);
  const args = argv.filter((arg) => arg !== JSON_FLAG);
  // With --json stdout carries one JSON document; everything meant for a person goes to stderr.
  const say = json ? console.error : console.log;
  const configFile = configFileOf(args);
  const app = configFile === undefined ? undefined : await loadAppConfig(configFile, process.cwd());
  const config = resolveConfig(args, new Date(), process.cwd(), app);
  if (!config) {
    console.log(USAGE);
    return EXIT.ok;
  }
  // A baseline that cannot be compared is refused before anything is measured.
  if (config.baseline !== undefined)
    requireSameSampling(readResults(runFolder(config.baseline)), { runId: 'this run', config });
  // The three stages: measure -> run folder; analyse -> results.json; present -> index.html.
  const progress = createProgress();
  const { dir, error } = await measureRun(config, args, progress);
  // A user's mistake found while measuring (an app that does not build, an interaction its page cannot do): one
  // line and exit 2; the servers and the browser are stopped on the way out, the folder keeps what there was.
  if (error instanceof UserError) throw error;
  const measured = readMeasuredRun(dir);
  const results = analyse(measured);
  for (const warning of results.machine?.warnings ?? []) progress.log(`warning: ${warning}`);
  writeResultsFile(dir, results);
  const reportFile = writeReport(dir, measured.samples);
  for (const failure of results.failures)
    console.error(`FAILED ${failure.scenario}/${failure.variant} at RTT ${failure.rttMs} ms: ${failure.message}`);
  // A stop from outside is one line; an unexpected error keeps its stack for the bug report.
  if (error)
    console.error(
      `mutation-bench: run failed: ${error instanceof RunInterrupted || error instanceof ServerExited ? error.message : ((error as Error).stack ?? error)}`,
    );
  // The gates: a duet's regressions against its ref, a version's against the one before it, and against a stored baseline.
  let regressions = 0;
  if (results.against) {
    const rows = results.against.comparison;
    const markdown = comparisonMarkdown(
      rows,
      { baseline: `${results.against.ref} (${results.against.commit.slice(0, 12)})`, candidate: 'this checkout' },
      results.against.band,
      'duet',
    );
    regressions += publishComparison({ rows, markdown }, path.join(config.outDir, 'comparison-duet.md'), say);
  }
  for (const pair of results.matrix?.comparisons ?? []) {
    const markdown = comparisonMarkdown(
      pair.comparison,
      { baseline: pair.baseline, candidate: pair.candidate },
      results.matrix!.band,
      'versions',
    );
    regressions += publishComparison(
      { rows: pair.comparison, markdown },
      path.join(config.outDir, `comparison-${pair.candidate}-vs-${pair.baseline}.md`),
      say,
    );
  }
  // An incomplete run is not compared: a failed cell would read as a change (it exits 1 anyway).
  if (config.baseline !== undefined && results.complete) {
    const stored = compareRunFolders(config.baseline, config.outDir, DEFAULT_BAND);
    regressions += publishComparison(stored, path.join(config.outDir, 'comparison-baseline.md'), say);
  } else if (config.baseline !== undefined) {
    console.error(`not compared with ${config.baseline}: this run is incomplete`);
  }
  // The summary comes last, where a terminal leaves the eye: claims, the bottom line, a table per scenario, the report.
  say(terminalSummary(results, path.resolve(reportFile)));
  if (json) console.log(JSON.stringify(jsonSummary(results, path.resolve(reportFile)), null, 2));
  if (!results.complete) return EXIT.failed;
  if (regressions > 0 && config.app?.spec.regression?.failOnRegression === false) {
    say(
      `${regressions} regressions found; exit 0 as ${config.app.configFile} says (regression.failOnRegression: false)`,
    );
    return EXIT.ok;
  }
  return regressions > 0 ? EXIT.regression : EXIT.ok;
}

runMain('mutation-bench', () => main(process.argv.slice(2)));
