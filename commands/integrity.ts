import fs from 'node:fs';
import { parseFlags } from '../runner/core/flags';
import { runMain } from '../runner/core/cleanup';
import { DEFAULT_TIMEOUT_MS } from '../runner/core/config';
import { UserError } from '../runner/core/errors';
import { fetchPersisted } from '../runner/measure/http/target';
import { parseTarget } from '../runner/core/flags';
import { acknowledgedFromReport, compareIntegrity } from '../runner/measure/export/integrity';

const USAGE = `Usage: npm run integrity -- --target URL --report FILE

After an Artillery test exported by mutation-bench: compares the mutations Artillery saw acknowledged (its JSON
report, from artillery run --output FILE) with what the deployment at URL persisted (its integrity endpoint, on
with BENCH_INTEGRITY=1). Exit 0: equal; 1: lost, duplicated or unacknowledged writes; 2: bad input.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags({
    args: argv,
    options: { target: { type: 'string' }, report: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.target || !values.report) throw new UserError('pass --target URL and --report FILE (see --help)');
  const target = parseTarget(values.target);
  if (!fs.existsSync(values.report))
    throw new UserError(`${values.report} does not exist: pass the file written by artillery run --output FILE`);
  let report: unknown;
  try {
    report = JSON.parse(fs.readFileSync(values.report, 'utf8'));
  } catch (error) {
    throw new UserError(`${values.report} is not valid JSON (${(error as Error).message})`);
  }
  const { tag, acknowledged } = acknowledgedFromReport(report);
  const rows = compareIntegrity(acknowledged, (await fetchPersisted(target, tag, DEFAULT_TIMEOUT_MS)).scenarios);
  console.log(`| scenario | acknowledged | persisted | duplicated | integrity |\n|---|---:|---:|---:|---|`);
  for (const row of rows)
    console.log(
      `| ${row.scenario} | ${row.acknowledged} | ${row.persisted} | ${row.duplicated} | ${row.problem ?? 'ok'} |`,
    );
  return rows.some((row) => row.problem) ? 1 : 0;
}

runMain('mutation-bench integrity', () => main(process.argv.slice(2)));
