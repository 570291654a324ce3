/**
 * npm run calibrate: measures many real A/A comparisons on the fixture (every variant against its own interleaved
 * twin, at the profile's stage-1 page loads per arm, the fewest any verdict rests on) and prints how often the 95%
 * CI excluded 0, with its exact binomial CI (DESIGN's bar: at most 7.5% over 40 or more comparisons), and how often the
 * 90% CI lay inside the A/A gate's ±max(3 ms, 5%) (DESIGN's bar: at least 90%).
 */
import path from 'node:path';
import { requireChromium } from '../runner/measure/browser/chromium';
import { emptyMeasurement, measureBrowser, samplingRule } from '../runner/measure/browser/measure';
import { runMain } from '../runner/core/cleanup';
import { resolveConfig, runId } from '../runner/core/config';
import { UserError } from '../runner/core/errors';
import { THIS_CHECKOUT, withFixture, withSessions } from '../runner/measure/harness';
import { acquireCheckoutLock } from '../runner/measure/fixture/lock';
import { CURRENT_BUILD, makeAaPlan } from '../runner/core/plan';
import { createProgress } from '../runner/core/progress';
import type { AaResult } from '../runner/contract/results';
import { RunStore } from '../runner/contract/store';
import { scenarioById } from '../runner/scenarios';
import { atConfidence, binomialInterval } from '../runner/stats/interval';
import { browserAaBand } from '../runner/analyse/claims/gating';
import { seededRandom } from '../runner/stats/random';
import { summarize } from '../runner/analyse/cells';

/** DESIGN: a real A/A exclusion rate at most this, over at least CALIBRATION_MIN comparisons. */
export const EXCLUSION_BAR = 0.075;
export const CALIBRATION_MIN = 40;
/** DESIGN: the A/A equivalence gate must pass in at least this share of real A/A comparisons. */
export const EQUIVALENCE_BAR = 0.9;

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
  const outDir = rest.includes('--out')
    ? config.outDir
    : path.resolve('reports', 'calibration', runId(startedAt, config.seed));
  const plan = makeAaPlan(config.scenarios.map(scenarioById), config.rttMs, config.chromeModes);
  const replicates =
    values.replicates !== undefined ? Number(values.replicates) : Math.ceil(CALIBRATION_MIN / plan.comparisons.length);
  if (!Number.isInteger(replicates) || replicates < 1)
    throw new UserError(`--replicates takes a whole number >= 1 (got "${values.replicates}")`);
  const chromiumPath = requireChromium();
  acquireCheckoutLock();
  const store = new RunStore(outDir);
  const progress = createProgress();
  const random = seededRandom(config.seed);
  // Stage 1 only: every comparison rests on n_min samples per arm.
  const fixed = { ...config, nMax: config.nMin, budgetSeconds: Number.MAX_SAFE_INTEGER };
  const rows: (AaResult & { replicate: number; bandMs: number; ci90: [number, number]; equivalent: boolean })[] = [];
  await withFixture(
    { port: config.port, serverDelayMs: config.serverDelayMs, store, progress, fixtures: THIS_CHECKOUT },
    (served) =>
      withSessions(
        {
          chromiumPath,
          modes: config.chromeModes,
          origins: new Map([[CURRENT_BUILD, served.get(CURRENT_BUILD)!.server.origin]]),
          rttEmulation: config.rttEmulation,
          timeoutMs: config.interactionTimeoutMs,
        },
        async (sessions) => {
          for (let replicate = 0; replicate < replicates; replicate++) {
            progress.log(`replicate ${replicate + 1} of ${replicates}: ${plan.comparisons.length} A/A comparisons`);
            const measurement = emptyMeasurement(plan);
            await measureBrowser({
              config: fixed,
              plan,
              sessions,
              store,
              progress,
              random,
              measurement,
              firstScopeRound: replicate * (fixed.warmupRounds + samplingRule(fixed).maxLoads),
            });
            const { aa, cells } = summarize({
              plan,
              samples: measurement.samples,
              expectedRoundTrips: () => 0,
              groups: measurement.groups,
              failedArms: measurement.failedArms,
            });
            for (const row of aa) {
              const reference = cells.find(
                (cell) =>
                  cell.scenario === row.scenario &&
                  cell.variant === row.variant &&
                  cell.rttMs === row.rttMs &&
                  cell.chrome === row.chrome,
              );
              const bandMs = browserAaBand(reference?.medianMs ?? 0);
              const ci90 = atConfidence(row.ci95, row.df, 0.9);
              rows.push({ ...row, replicate, bandMs, ci90, equivalent: ci90[0] >= -bandMs && ci90[1] <= bandMs });
            }
          }
        },
      ),
  );
  const excluded = rows.filter((row) => row.ci95[0] > 0 || row.ci95[1] < 0);
  const rate = binomialInterval(excluded.length, rows.length);
  const equivalent = rows.filter((row) => row.equivalent);
  const equivalenceRate = binomialInterval(equivalent.length, rows.length);
  for (const row of rows) {
    const mark = row.ci95[0] > 0 || row.ci95[1] < 0 ? 'EXCLUDES 0' : 'contains 0';
    const gate = row.equivalent ? `inside ±${row.bandMs.toFixed(1)}` : `NOT inside ±${row.bandMs.toFixed(1)}`;
    console.log(
      `${row.scenario}/${row.variant} @${row.rttMs} ${row.chrome} #${row.replicate + 1}: ${row.diffMedianMs.toFixed(2)} ms, CI ${row.ci95[0].toFixed(2)} to ${row.ci95[1].toFixed(2)} (${row.loads.join('/')} page loads) ${mark}; 90% CI ${row.ci90[0].toFixed(2)} to ${row.ci90[1].toFixed(2)} ${gate}`,
    );
  }
  const enough = rows.length >= CALIBRATION_MIN;
  const coveragePass = enough && rate.estimate <= EXCLUSION_BAR;
  const equivalencePass = enough && equivalenceRate.estimate >= EQUIVALENCE_BAR;
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  console.log(
    `A/A exclusion rate: ${excluded.length} of ${rows.length} = ${pct(rate.estimate)} (exact 95% CI ${pct(rate.ci95[0])} to ${pct(rate.ci95[1])}); bar: <= ${EXCLUSION_BAR * 100}% over >= ${CALIBRATION_MIN}: ${coveragePass ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `A/A equivalence (the gate every verdict row needs): ${equivalent.length} of ${rows.length} 90% CIs inside ±max(3 ms, 5% of the median) = ${pct(equivalenceRate.estimate)} (exact 95% CI ${pct(equivalenceRate.ci95[0])} to ${pct(equivalenceRate.ci95[1])}); bar: >= ${EQUIVALENCE_BAR * 100}%: ${equivalencePass ? 'PASS' : 'FAIL: the instrument is too noisy here for this many page loads'}`,
  );
  const pass = coveragePass && equivalencePass;
  store.writeJson('calibration.json', {
    argv,
    seed: config.seed,
    replicates,
    perArmLoads: Math.ceil(config.nMin / config.perPageLoad),
    rows,
    excluded: excluded.length,
    rate,
    equivalent: equivalent.length,
    equivalenceRate,
    pass,
  });
  console.log(`Written: ${path.relative(process.cwd(), store.file('calibration.json'))}`);
  return pass ? 0 : 1;
}

runMain('mutation-bench calibrate', () => main(process.argv.slice(2)));
