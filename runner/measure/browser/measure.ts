import { errors } from 'playwright-core';
import { runSignal } from '../../core/cleanup';
import type { Config } from '../../core/config';
import { FixtureError } from '../../core/errors';
import { armKey, sessionKey, type Arm, type ArmGroup, type Plan } from '../../core/plan';
import type { Progress } from '../../core/progress';
import type { RunStore } from '../../contract/store';
import type { Group, MachineLoadRow, Sample, Uncommitted } from '../../contract/results';
import { finalState, planStageTwo, type SamplingRule } from '../sampling';
import { catalogueOf, linkBandwidth, type Scenario } from '../../scenarios';
import { interactionLabel, pageLoadScope } from '../../core/scopes';
import { pageLoadDifference } from '../../stats/interval';
import { shuffled, type Random } from '../../stats/random';
import { pageLoadClusters } from '../../stats/clusters';
import { loadRecorder } from '../system/machine-load';
import { sampleProcessGroup } from '../system/resources';
import type { ResourceSeries } from '../../contract/records';
import type { BrowserSession } from './session';
import { requestsInWords } from './network-log';

/** What the browser phase has measured so far; filled in as it goes, so a crash still leaves it. */
export interface BrowserMeasurement {
  samples: Sample[];
  groups: Group[];
  /** Arms whose page failed: their comparisons are `failed`, the rest of their group goes on. */
  failedArms: Set<string>;
  failures: { scenario: string; variant: string; rttMs: number; message: string }[];
  /** Interactions whose expected state never showed though their requests were answered (warm-ups included). */
  uncommitted: Uncommitted[];
  rounds: MachineLoadRow[];
  wallSeconds: number;
}

export function emptyMeasurement(plan: Plan): BrowserMeasurement {
  return {
    samples: [],
    groups: plan.groups.map((group) => ({
      key: group.key,
      scenario: group.scenario,
      rttMs: group.rttMs,
      chrome: group.chrome,
      state: 'open',
      loads: 0,
      plannedLoads: null,
      capped: false,
      stageOneHalfWidthMs: null,
    })),
    failedArms: new Set(),
    failures: [],
    uncommitted: [],
    rounds: [],
    wallSeconds: 0,
  };
}

export function samplingRule(config: Pick<Config, 'nMin' | 'nMax' | 'perPageLoad' | 'ciTargetMs'>): SamplingRule {
  return {
    minLoads: Math.ceil(config.nMin / config.perPageLoad),
    maxLoads: Math.ceil(config.nMax / config.perPageLoad),
    ciTargetMs: config.ciTargetMs,
  };
}

/** How often a scenario that samples the server's memory reads it during an interaction: a 21 MB value lives longer than this. */
const MEMORY_INTERVAL_MS = 20;

/**
 * An arm fails when this many of its page loads in a row ended with an interaction that never committed: a render
 * left uncommitted now and then is an outcome to count, a variant that never shows its state is broken.
 */
export const UNCOMMITTED_IN_A_ROW = 3;

/**
 * One page load of one arm: warm-up interactions (kept in samples.jsonl, flagged) then measured ones. `serverGroup`:
 * the process group of the server the arm's build runs in, for scenarios that sample its memory (null: not ours).
 * An interaction that never commits is recorded and ends the page load (the page is in no known state).
 */
async function measureBlock(
  session: BrowserSession,
  scenario: Scenario,
  arm: Arm,
  armIndex: number,
  round: number,
  scopeRound: number,
  config: Config,
  serverGroup: number | null,
  record: (sample: Sample) => void,
  recordUncommitted: (interaction: Uncommitted) => void,
): Promise<{ uncommitted: string } | null> {
  const warmupRound = round < config.warmupRounds;
  // A fresh scope per page load: every block of the fixture starts from an empty counter / list.
  const scope = pageLoadScope(scopeRound, armIndex);
  await session.load(scenario.pages[arm.variant]!, scope);
  await session.setRtt(arm.rttMs);
  await session.setBandwidth(linkBandwidth(scenario, config.bandwidth));
  for (let index = 0; index < config.warmup + config.perPageLoad; index++) {
    const sampler =
      scenario.serverMemory && serverGroup !== null ? sampleProcessGroup(serverGroup, MEMORY_INTERVAL_MS) : null;
    let memory: ResourceSeries | undefined;
    // The sampler stops whether or not the interaction failed.
    const result = await session
      .interact(scenario, arm.variant, interactionLabel(scope, index), config.interactionTimeoutMs)
      .finally(async () => {
        memory = await sampler?.stop();
      });
    const serverRssMb = memory?.points.length
      ? { serverRssMb: { startMb: memory.points[0]!.rssMb, peakMb: memory.peakRssMb } }
      : {};
    const where = {
      scenario: arm.scenario,
      variant: arm.variant,
      twin: arm.twin,
      rttMs: arm.rttMs,
      chrome: arm.chrome,
      build: arm.build,
      round,
      index,
      warmup: warmupRound || index < config.warmup,
    };
    if (!result.committed) {
      recordUncommitted({ ...where, waitedMs: result.waitedMs, requests: result.requests });
      return { uncommitted: result.expected };
    }
    const { committed: _committed, ...measured } = result;
    record({ ...where, ...measured, ...serverRssMb });
  }
  return null;
}

/** The fewest page loads per arm an interval can be computed from: the budget does not stop a group below this. */
export const MIN_LOADS_FOR_INTERVAL = 2;

/**
 * Whether the next round must not start: it would end past the budget (judged by the last round's length), and every
 * open group already has the page loads an interval needs. A run whose scenarios take longer than the budget (every
 * scenario, payload's slow cases) still ends with a median, a p90 and an interval in every cell, past the budget.
 */
export function budgetStops(
  elapsedSeconds: number,
  lastRoundSeconds: number,
  budgetSeconds: number,
  openGroupLoads: readonly number[],
): boolean {
  return (
    elapsedSeconds + lastRoundSeconds > budgetSeconds &&
    openGroupLoads.every((loads) => loads >= MIN_LOADS_FOR_INTERVAL)
  );
}

/**
 * After a round: a group that has stage 1's page loads plans stage 2 from its widest half-width (once); a group
 * that has its planned page loads stops. Pure apart from updating `group`.
 */
export function advanceGroup(
  group: Group,
  planned: ArmGroup,
  clustersOf: (arm: Arm) => number[][],
  failedArms: ReadonlySet<string>,
  rule: SamplingRule,
): void {
  const live = planned.arms.filter((arm) => !failedArms.has(armKey(arm)));
  // A duet's build comparisons are planned to the same precision as the transport comparisons.
  const liveComparisons = [...planned.comparisons, ...planned.buildComparisons].filter(
    (c) => !failedArms.has(armKey(c.a)) && !failedArms.has(armKey(c.b)),
  );
  if (liveComparisons.length === 0) {
    group.state = 'failed';
    return;
  }
  group.loads = Math.min(...live.map((arm) => clustersOf(arm).length));
  if (group.plannedLoads === null && group.loads >= rule.minLoads) {
    const widest = Math.max(
      ...liveComparisons.map((c) => pageLoadDifference(clustersOf(c.a), clustersOf(c.b)).halfWidth),
    );
    const stage = planStageTwo(widest, group.loads, rule);
    group.stageOneHalfWidthMs = widest;
    group.plannedLoads = stage.loads;
    group.capped = stage.capped;
  }
  if (group.plannedLoads !== null && group.loads >= group.plannedLoads)
    group.state = finalState({ loads: group.plannedLoads, capped: group.capped });
}

/**
 * Randomized rounds: each round loads every arm of every open group once, in a fresh random order, so drift hits
 * every arm alike and all arms of a group have the same page loads when it stops.
 */
export async function measureBrowser(options: {
  config: Config;
  plan: Plan;
  /** By sessionKey: a page per Chrome mode and build. */
  sessions: ReadonlyMap<string, BrowserSession>;
  store: RunStore;
  progress: Progress;
  random: Random;
  measurement: BrowserMeasurement;
  /** Page-load scopes start at this round number: repeated measurements on one database must not share scopes. */
  firstScopeRound?: number;
  /** By build: the process group of the server serving it, for scenarios that sample the server's memory. */
  serverGroups?: ReadonlyMap<string, number | null>;
  /** Run before each page load on the build's server (a user's app: its config's reset). */
  beforePageLoad?: (build: string) => Promise<void>;
}): Promise<void> {
  const { config, plan, sessions, store, progress, random, measurement } = options;
  const catalogue = catalogueOf(config.app);
  const scopeRound = (round: number) => (options.firstScopeRound ?? 0) + round;
  const rule = samplingRule(config);
  const armSamples = new Map<string, Sample[]>(plan.arms.map((arm) => [armKey(arm), []]));
  const clustersOf = (arm: Arm) => pageLoadClusters(armSamples.get(armKey(arm))!);
  const startedAt = performance.now();
  const elapsedSeconds = () => (performance.now() - startedAt) / 1000;
  const machine = loadRecorder();
  const record = (sample: Sample) => {
    store.appendSample(sample);
    if (sample.warmup) return;
    measurement.samples.push(sample);
    armSamples.get(armKey(sample))!.push(sample);
  };
  const recordUncommitted = (interaction: Uncommitted) => {
    measurement.uncommitted.push(interaction);
    progress.log(
      `${armKey(interaction)} round ${interaction.round}: interaction ${interaction.index} never committed within ${interaction.waitedMs} ms (its requests were answered)`,
    );
  };
  /** By arm: how many of its page loads in a row ended with an uncommitted interaction. */
  const uncommittedStreaks = new Map<string, number>();
  const openGroups = () => plan.groups.filter((_, index) => measurement.groups[index]!.state === 'open');

  progress.start('browser', config.warmupRounds + rule.maxLoads);
  let round = 0;
  let lastRoundSeconds = 0;
  let pastBudget = false;
  for (; round < config.warmupRounds + rule.maxLoads && openGroups().length > 0; round++) {
    // A round that would end past the budget does not start (judged by the last round's length): the budget
    // bounds the browser phase, not just when its last round may begin; but every cell gets an interval first.
    const openLoads = measurement.groups.filter((group) => group.state === 'open').map((group) => group.loads);
    if (budgetStops(elapsedSeconds(), lastRoundSeconds, config.budgetSeconds, openLoads)) {
      for (const group of measurement.groups) if (group.state === 'open') group.state = 'budget';
      progress.log(
        `time budget of ${config.budgetSeconds} s reached: ${measurement.groups.filter((g) => g.state === 'budget').length} groups stopped before their planned page loads`,
      );
      break;
    }
    if (elapsedSeconds() + lastRoundSeconds > config.budgetSeconds && !pastBudget) {
      pastBudget = true;
      progress.log(
        `time budget of ${config.budgetSeconds} s: going past it until every cell has ${MIN_LOADS_FOR_INTERVAL} page loads, the fewest an interval needs`,
      );
    }
    const roundStartSeconds = elapsedSeconds();
    const arms = openGroups().flatMap((group) => group.arms.filter((arm) => !measurement.failedArms.has(armKey(arm))));
    for (const arm of shuffled(arms, random)) {
      runSignal.throwIfAborted();
      try {
        const scenario = catalogue.byId(arm.scenario);
        const session = sessions.get(sessionKey(arm, scenario.javaScript !== false))!;
        await options.beforePageLoad?.(arm.build);
        const ended = await measureBlock(
          session,
          scenario,
          arm,
          plan.arms.indexOf(arm),
          round,
          scopeRound(round),
          config,
          options.serverGroups?.get(arm.build) ?? null,
          record,
          recordUncommitted,
        );
        const streak = ended ? (uncommittedStreaks.get(armKey(arm)) ?? 0) + 1 : 0;
        uncommittedStreaks.set(armKey(arm), streak);
        if (ended && streak >= UNCOMMITTED_IN_A_ROW)
          throw new FixtureError(
            `${arm.scenario} at ${scenario.pages[arm.variant]}: the page did not show ${ended.uncommitted} within ${config.interactionTimeoutMs} ms in ${streak} page loads in a row, though every request was answered (last: ${requestsInWords(measurement.uncommitted.at(-1)!.requests)})`,
          );
      } catch (error) {
        // A block that failed because the run is stopping (Ctrl-C, the server gone) is not its cell's fault.
        runSignal.throwIfAborted();
        if (!(error instanceof FixtureError || error instanceof errors.TimeoutError)) throw error;
        const message = error.message.split('\n')[0]!;
        measurement.failedArms.add(armKey(arm));
        measurement.failures.push({ scenario: arm.scenario, variant: arm.variant, rttMs: arm.rttMs, message });
        progress.log(`cell ${armKey(arm)} FAILED: ${message}`);
      }
    }
    plan.groups.forEach((planned, index) => {
      const group = measurement.groups[index]!;
      if (group.state === 'open') advanceGroup(group, planned, clustersOf, measurement.failedArms, rule);
    });
    const load = machine.mark();
    measurement.rounds.push(load);
    if (load.busy)
      progress.log(
        `round ${round + 1}: the machine was busy (${load.foreignCores.toFixed(2)} cores used by other processes, steal ${(load.stealShare * 100).toFixed(1)}%)`,
      );
    measurement.wallSeconds = elapsedSeconds();
    lastRoundSeconds = measurement.wallSeconds - roundStartSeconds;
    const settled = measurement.groups.filter((group) => group.state !== 'open').length;
    progress.update(
      round + 1,
      `${settled}/${plan.groups.length} groups settled, ${measurement.samples.length} samples`,
    );
  }
  for (const group of measurement.groups) if (group.state === 'open') group.state = 'n-max';
  measurement.wallSeconds = elapsedSeconds();
  progress.stop(`${round} rounds, ${measurement.samples.length} samples, ${measurement.failures.length} failed cells`);
}
