import { parseFlags } from '../runner/core/flags';
import { runMain } from '../runner/core/cleanup';
import { EXIT, UserError } from '../runner/core/errors';
import { numberFlag } from '../runner/core/config';
import { DEFAULT_BAND } from '../runner/analyse/compare/compare';
import path from 'node:path';
import { driftSentence } from '../runner/analyse/compare/drift';
import { compareRunFolders, learnDriftFromFolders, publishComparison } from '../runner/analyse/compare/run-comparison';

const USAGE = `Usage: npm run compare -- <baseline run> <candidate run> [--band-pct P] [--band-ms MS] [--drift FILE]
       npm run compare -- --learn-drift <run> <run> <run> [...]

Compares every metric two runs share (browser latency per cell over page loads; per load cell the interaction
p50 and throughput per block). A regression is a change worse than the noise band (default ${DEFAULT_BAND.pct}% and
${DEFAULT_BAND.ms} ms) beyond doubt, Benjamini-Hochberg-adjusted over all metrics. Two runs drift apart more than
each run's replicates show: the between-run variance learned on the baseline's machine (reports/calibration/
drift-<machine>.json, or --drift FILE) is added to every comparison; without one, drift counts as change, and the
table says so. Prints a Markdown table (also appended to $GITHUB_STEP_SUMMARY when set). Exit 3 on a regression,
0 otherwise, 2 on a bad or incompatible run.

--learn-drift learns that variance from three or more runs of the same code measured the same way on this machine
(npm run bench -- --profile ci, a few times) and writes reports/calibration/drift-<machine>.json.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: {
      'band-pct': { type: 'string' },
      'band-ms': { type: 'string' },
      drift: { type: 'string' },
      'learn-drift': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values['learn-drift']) {
    const { file, model } = learnDriftFromFolders(positionals, new Date());
    console.log(`${driftSentence(model)}\nWritten: ${path.relative(process.cwd(), file)}`);
    return 0;
  }
  if (positionals.length !== 2)
    throw new UserError('usage: npm run compare -- <baseline run folder> <candidate run folder> (see --help)');
  const band = {
    pct: numberFlag('band-pct', values['band-pct']) ?? DEFAULT_BAND.pct,
    ms: numberFlag('band-ms', values['band-ms']) ?? DEFAULT_BAND.ms,
  };
  const regressions = publishComparison(compareRunFolders(positionals[0]!, positionals[1]!, band, values.drift));
  return regressions > 0 ? EXIT.regression : EXIT.ok;
}

runMain('mutation-bench compare', () => main(process.argv.slice(2)));
