import path from 'node:path';
import { runMain } from './cleanup';
import { resolveConfig, USAGE } from './config';
import { RunInterrupted, ServerExited } from './errors';
import { createProgress } from './progress';
import { runBench } from './run';
import { comparisonMarkdown, DEFAULT_BAND } from './compare/compare';
import { compareRunFolders, publishComparison } from './compare/run-comparison';

/** Exit codes: 0 complete run, 1 failed run (what was measured is kept), 2 user error (nothing started). */
async function main(argv: string[]): Promise<number> {
  const config = resolveConfig(argv, new Date(), process.cwd());
  if (!config) {
    console.log(USAGE);
    return 0;
  }
  const { results, reportFile, error } = await runBench(config, argv, createProgress());
  for (const claim of results.claims)
    console.log(
      `${claim.id} ${claim.verdict.toUpperCase()}${claim.qualifier ? ` (${claim.qualifier})` : ''}: ${claim.summary}`,
    );
  for (const failure of results.failures)
    console.error(`FAILED ${failure.scenario}/${failure.variant} at RTT ${failure.rttMs} ms: ${failure.message}`);
  // A stop from outside is one line; an unexpected error keeps its stack for the bug report.
  if (error)
    console.error(
      `mutation-bench: run failed: ${error instanceof RunInterrupted || error instanceof ServerExited ? error.message : ((error as Error).stack ?? error)}`,
    );
  console.log(`Report: ${path.relative(process.cwd(), reportFile)}`);
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
    regressions += publishComparison({ rows, markdown }, path.join(config.outDir, 'comparison-duet.md'));
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
    );
  }
  // An incomplete run is not compared: a failed cell would read as a change (it exits 1 anyway).
  if (config.baseline !== undefined && results.complete) {
    const stored = compareRunFolders(config.baseline, config.outDir, DEFAULT_BAND);
    regressions += publishComparison(stored, path.join(config.outDir, 'comparison-baseline.md'));
  } else if (config.baseline !== undefined) {
    console.error(`not compared with ${config.baseline}: this run is incomplete`);
  }
  return results.complete && regressions === 0 ? 0 : 1;
}

runMain('mutation-bench', () => main(process.argv.slice(2)));
