/**
 * npm run calibrate: measures many real A/A comparisons on the fixture (every variant against its own interleaved
 * twin, at the profile's stage-1 page loads per arm, the fewest any verdict rests on) and prints how often the 95%
 * CI excluded 0, with its exact binomial CI. DESIGN's bar: at most 7.5% over 40 or more comparisons.
 */
import path from 'node:path';
import { requireChromium } from './browser/chromium';
import { emptyMeasurement, measureBrowser, samplingRule } from './browser/measure';
import { runMain } from './cleanup';
import { resolveConfig, runId } from './config';
import { UserError } from './errors';
import { THIS_CHECKOUT, withFixture, withSessions } from './harness';
import { acquireCheckoutLock } from './lock';
import { CURRENT_BUILD, makeAaPlan } from './plan';
import { createProgress } from './progress';
import type { AaResult } from './results/schema';
import { RunStore } from './results/store';
import { scenarioById } from './scenarios';
import { binomialInterval } from './stats/interval';
import { seededRandom } from './stats/random';
import { summarize } from './stats/summarize';

/** DESIGN: a real A/A exclusion rate at most this, over at least CALIBRATION_MIN comparisons. */
export const EXCLUSION_BAR = 0.075;
export const CALIBRATION_MIN = 40;

const USAGE = `Usage: npm run calibrate -- [--replicates N] [bench options]

  --replicates N   rounds of A/A comparisons (default: enough for ${CALIBRATION_MIN} comparisons)
  Bench options that apply: --scenarios, --rtt (default 0), --chrome, --profile, --n-min, --seed, --port, --out, --timeout.
  Each replicate measures every variant against its twin for n_min samples per arm (no stage 2).`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  // --replicates is ours; every other flag is the bench's, validated by its own parser.
  const at = argv.indexOf('--replicates');
  const values = { replicates: at >= 0 ? argv[at + 1] : undefined };
  const rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
  const startedAt = new Date();
  const config = resolveConfig(rest.includes('--rtt') ? rest : [...rest, '--rtt', '0'], startedAt, process.cwd());
  if (!config) return 0;
  const outDir = rest.includes('--out') ? config.outDir : path.resolve('reports', 'calibration', runId(startedAt, config.seed));
  const plan = makeAaPlan(config.scenarios.map(scenarioById), config.rttMs, config.chromeModes);
  const replicates = values.replicates !== undefined ? Number(values.replicates) : Math.ceil(CALIBRATION_MIN / plan.comparisons.length);
  if (!Number.isInteger(replicates) || replicates < 1) throw new UserError(`--replicates takes a whole number >= 1 (got "${values.replicates}")`);
  const chromiumPath = requireChromium();
  acquireCheckoutLock();
  const store = new RunStore(outDir);
  const progress = createProgress();
  const random = seededRandom(config.seed);
  // Stage 1 only: every comparison rests on n_min samples per arm.
  const fixed = { ...config, nMax: config.nMin, budgetSeconds: Number.MAX_SAFE_INTEGER };
  const rows: (AaResult & { replicate: number })[] = [];
  await withFixture({ port: config.port, serverDelayMs: config.serverDelayMs, store, progress, fixtures: THIS_CHECKOUT }, (served) =>
    withSessions({ chromiumPath, modes: config.chromeModes, origins: new Map([[CURRENT_BUILD, served.get(CURRENT_BUILD)!.server.origin]]), rttEmulation: config.rttEmulation, timeoutMs: config.interactionTimeoutMs }, async (sessions) => {
      for (let replicate = 0; replicate < replicates; replicate++) {
        progress.log(`replicate ${replicate + 1} of ${replicates}: ${plan.comparisons.length} A/A comparisons`);
        const measurement = emptyMeasurement(plan);
        await measureBrowser({ config: fixed, plan, sessions, store, progress, random, measurement, firstScopeRound: replicate * (fixed.warmupRounds + samplingRule(fixed).maxLoads) });
        const { aa } = summarize({ plan, samples: measurement.samples, expectedRoundTrips: () => 0, groups: measurement.groups, failedArms: measurement.failedArms });
        rows.push(...aa.map((row) => ({ ...row, replicate })));
      }
    }),
  );
  const excluded = rows.filter((row) => row.ci95[0] > 0 || row.ci95[1] < 0);
  const rate = binomialInterval(excluded.length, rows.length);
  for (const row of rows) {
    const mark = row.ci95[0] > 0 || row.ci95[1] < 0 ? 'EXCLUDES 0' : 'contains 0';
    console.log(`${row.scenario}/${row.variant} @${row.rttMs} ${row.chrome} #${row.replicate + 1}: ${row.diffMedianMs.toFixed(2)} ms, CI ${row.ci95[0].toFixed(2)} to ${row.ci95[1].toFixed(2)} (${row.loads.join('/')} page loads) ${mark}`);
  }
  const pass = rows.length >= CALIBRATION_MIN && rate.estimate <= EXCLUSION_BAR;
  const summary = `A/A exclusion rate: ${excluded.length} of ${rows.length} = ${(rate.estimate * 100).toFixed(1)}% (exact 95% CI ${(rate.ci95[0] * 100).toFixed(1)}% to ${(rate.ci95[1] * 100).toFixed(1)}%); bar: <= ${EXCLUSION_BAR * 100}% over >= ${CALIBRATION_MIN}: ${pass ? 'PASS' : 'FAIL'}`;
  console.log(summary);
  store.writeJson('calibration.json', { argv, seed: config.seed, replicates, perArmLoads: Math.ceil(config.nMin / config.perPageLoad), rows, excluded: excluded.length, rate, pass });
  console.log(`Written: ${path.relative(process.cwd(), store.file('calibration.json'))}`);
  return pass ? 0 : 1;
}

runMain('mutation-bench calibrate', () => main(process.argv.slice(2)));
