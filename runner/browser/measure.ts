import { errors } from 'playwright-core';
import type { Config } from '../config';
import { FixtureError } from '../errors';
import { armKey, type Arm, type Plan, type PlannedComparison } from '../plan';
import type { Progress } from '../progress';
import type { RunStore } from '../results/store';
import type { Sample } from '../results/schema';
import { isSettled, judgeComparison, type SamplingState } from '../sampling';
import { scenarioById, variantPath } from '../scenarios';
import { shuffled, type Random } from '../stats/random';
import { medianDifference, pageLoadClusters } from '../stats/summarize';
import type { BrowserSession } from './session';

/** What the browser phase has measured so far; filled in as it goes, so a crash still leaves it. */
export interface BrowserMeasurement {
  samples: Sample[];
  sampling: Map<PlannedComparison, SamplingState>;
  failures: { scenario: string; variant: string; rttMs: number; message: string }[];
  wallSeconds: number;
}

export function emptyMeasurement(plan: Plan): BrowserMeasurement {
  return { samples: [], sampling: new Map(plan.comparisons.map((c) => [c, 'open'])), failures: [], wallSeconds: 0 };
}

/** One page load of one arm: warm-up interactions (kept in samples.jsonl, flagged) then measured ones. */
async function measureBlock(session: BrowserSession, arm: Arm, round: number, config: Config, record: (sample: Sample) => void) {
  const scenario = scenarioById(arm.scenario);
  // A fresh scope per page load: every block starts from an empty counter / list.
  const scope = `r${round}-${arm.scenario}-${arm.variant}${arm.twin ? '-aa' : ''}-${arm.rttMs}`;
  await session.load(variantPath(arm.scenario, arm.variant), scope);
  await session.setRtt(arm.rttMs);
  for (let index = 0; index < config.warmup + config.perPageLoad; index++) {
    const result = await session.interact(scenario, `${scope}-${index}`, config.interactionTimeoutMs);
    record({ scenario: arm.scenario, variant: arm.variant, twin: arm.twin, rttMs: arm.rttMs, round, index, warmup: index < config.warmup, ...result });
  }
}

/**
 * Randomized rounds: each round visits every arm that still has an open comparison, in a fresh random order,
 * so drift hits every arm alike. After each round every open comparison is judged by the sampling rule.
 */
export async function measureBrowser(options: {
  config: Config;
  plan: Plan;
  session: BrowserSession;
  store: RunStore;
  progress: Progress;
  random: Random;
  measurement: BrowserMeasurement;
}): Promise<void> {
  const { config, plan, session, store, progress, random, measurement } = options;
  const armSamples = new Map<string, Sample[]>(plan.arms.map((arm) => [armKey(arm), []]));
  const failed = new Set<string>();
  const maxRounds = Math.ceil(config.nMax / config.perPageLoad);
  const startedAt = performance.now();
  const elapsedSeconds = () => (performance.now() - startedAt) / 1000;
  const record = (sample: Sample) => {
    store.appendSample(sample);
    if (sample.warmup) return;
    measurement.samples.push(sample);
    armSamples.get(armKey(sample))!.push(sample);
  };

  progress.start('browser', maxRounds);
  let round = 0;
  for (; round < maxRounds; round++) {
    const open = [...measurement.sampling].filter(([, state]) => !isSettled(state)).map(([c]) => c);
    if (open.length === 0) break;
    if (elapsedSeconds() > config.budgetSeconds) {
      for (const comparison of open) measurement.sampling.set(comparison, 'budget');
      progress.log(`time budget of ${config.budgetSeconds} s reached: ${open.length} comparisons left open`);
      break;
    }
    const arms = plan.arms.filter(
      (arm) => !failed.has(armKey(arm)) && open.some((c) => armKey(c.a) === armKey(arm) || armKey(c.b) === armKey(arm)),
    );
    for (const arm of shuffled(arms, random)) {
      try {
        await measureBlock(session, arm, round, config, record);
      } catch (error) {
        if (!(error instanceof FixtureError || error instanceof errors.TimeoutError)) throw error;
        const message = error.message.split('\n')[0]!;
        failed.add(armKey(arm));
        measurement.failures.push({ scenario: arm.scenario, variant: arm.variant, rttMs: arm.rttMs, message });
        progress.log(`cell ${armKey(arm)} FAILED: ${message}`);
      }
    }
    for (const comparison of open) {
      const [a, b] = [armSamples.get(armKey(comparison.a))!, armSamples.get(armKey(comparison.b))!];
      if (failed.has(armKey(comparison.a)) || failed.has(armKey(comparison.b))) {
        measurement.sampling.set(comparison, 'failed');
        continue;
      }
      const enough = Math.min(a.length, b.length) >= config.nMin;
      const ci = enough ? medianDifference(pageLoadClusters(a), pageLoadClusters(b), config.seed + round, armKey(comparison.a), config.resamples).ci95 : null;
      measurement.sampling.set(comparison, judgeComparison([a.length, b.length], ci, config, comparison.boundsMs));
    }
    const settled = [...measurement.sampling.values()].filter(isSettled).length;
    measurement.wallSeconds = elapsedSeconds();
    progress.update(round + 1, `${settled}/${plan.comparisons.length} comparisons settled, ${measurement.samples.length} samples`);
  }
  measurement.wallSeconds = elapsedSeconds();
  progress.stop(`${round} rounds, ${measurement.samples.length} samples, ${measurement.failures.length} failed cells`);
}
