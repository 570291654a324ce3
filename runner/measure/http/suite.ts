import fs from 'node:fs';
import type { PersistedReader } from './persisted';
import { runSignal } from '../../core/cleanup';
import type { Config, Encoding } from '../../core/config';
import type { Progress } from '../../core/progress';
import type { RunStore } from '../../contract/store';
import { variantsOf, type Scenario } from '../../scenarios';
import { shuffled, type Random } from '../../stats/random';
import { loadRecorder } from '../system/machine-load';
import type { Capture } from './capture';
import type { ReplayOptions } from './replay';
import type { RepeatRecord, ReplayResult, WarmupRecord } from '../../contract/records';
import type { LoadGenerator } from './load-generator';
import { mean } from '../../stats/interval';
import { geometricMean, MAX_WARMUP_BLOCKS, palindromeBlock, warmedUp } from '../../stats/steady-state';
import { sampleProcessGroup } from '../system/resources';
import { FLOOR } from '../../contract/records';
import type { BuildLabel } from '../../core/plan';

/** Where load goes: a local server (its process group is sampled) or a deployment (--target: no process of ours). */
export interface LoadServer {
  origin: string;
  pid: number | null;
}

/** One replayed stream: a variant (or its A/A twin, or the floor) with the requests its capture recorded. */
export interface LoadArm {
  scenario: string;
  variant: string;
  twin: boolean;
  server: LoadServer;
  capture: Capture;
  /** Where its mutations are counted: the database (or deployment) behind `server`. */
  persisted: PersistedReader;
  /** The build loaded, in a version matrix (its repeats carry it); absent: this checkout's. */
  build?: BuildLabel;
}

/** A server under load with what it persists to: this checkout's fixture, a deployment, or one version of a matrix. */
export interface LoadTarget {
  server: LoadServer;
  persisted: PersistedReader;
  build?: BuildLabel;
}

/** The arms of one scenario: the reference, its A/A twin, the other variants and the floor (when there is one) under the floor's variant. */
export function loadArms(
  scenario: Scenario,
  captures: readonly Capture[],
  target: LoadTarget,
  floor: LoadServer | null,
): LoadArm[] {
  const scenarioId = scenario.id;
  return variantsOf(scenario).flatMap((variant) => {
    const capture = captures.find((c) => c.scenario === scenarioId && c.variant === variant);
    if (!capture) return [];
    const arm: LoadArm = { scenario: scenarioId, variant, twin: false, capture, ...target };
    return [
      arm,
      ...(variant === scenario.reference ? [{ ...arm, twin: true }] : []),
      // The floor is no build's: a bare server over the services, the same for every version of a matrix.
      ...(floor && variant === scenario.floorVariant
        ? [{ ...arm, variant: FLOOR, server: floor, build: undefined }]
        : []),
    ];
  });
}

/**
 * Why a repeat's numbers must not be reported as they stand, or null. Integrity: with a fixed amount every
 * request is answered, so persisted must equal acknowledged; with a fixed duration or an open model, interactions
 * in flight at the stop may persist unacknowledged.
 */
export function failureOf(
  result: Pick<ReplayResult, 'invalid' | 'invalidExample' | 'non2xx' | 'errors' | 'timeouts' | 'acknowledged'>,
  persisted: number,
  duplicated: number,
  inFlightAtStop: number,
): string | null {
  if (result.invalid > 0) return `${result.invalid} responses differ from the browser's (${result.invalidExample})`;
  if (result.non2xx > 0) return `${result.non2xx} non-2xx responses`;
  if (result.errors > 0) return `${result.errors} connection errors (${result.timeouts} timeouts)`;
  if (persisted < result.acknowledged)
    return `${result.acknowledged - persisted} acknowledged mutations were not persisted`;
  if (duplicated > 0) return `${duplicated} mutations were applied twice`;
  if (persisted > result.acknowledged + inFlightAtStop)
    return `${persisted - result.acknowledged} mutations persisted without an acknowledgement`;
  return null;
}

interface CellPlan {
  arm: LoadArm;
  connections: number;
  encoding: Encoding;
}

/** A cell's discarded warm-up, in its group's warm-up blocks (runner/stats/steady-state.ts). */
const cellName = (cell: CellPlan) =>
  `${cell.arm.build ? `${cell.arm.build} ` : ''}${cell.arm.scenario}/${cell.arm.variant}${cell.arm.twin ? ' (A/A)' : ''} ${cell.encoding} x${cell.connections}`;

/** The cells compared with one another (a scenario's variants, its twin, its floor, every build of a matrix) share a block. */
const groupKey = (cell: CellPlan) => `${cell.arm.scenario}/${cell.connections}/${cell.encoding}`;

/**
 * The load phase, in two parts. First a discarded warm-up of every group, block after block until its throughput
 * stops changing (the server JIT-compiles each path under load: repeats of 0.3 s after a 20-interaction warm-up
 * ran 1.3-2.8x faster in the fifth pass than in the first, seed 224). Then `repeats` blocks: in each, every group
 * of cells compared with one another runs as a palindrome of windows (A B C C B A, a fresh random half per block),
 * groups in a fresh random order. A ratio is paired within a block, so drift linear in time cancels from it.
 * Each window is about `windowSeconds` of closed-model load at the cell's warmed-up rate (windowAmount).
 */
export async function measureHttp(options: {
  config: Config;
  /** Every arm of every target: a version matrix's versions are interleaved in the same blocks, like their browser arms. */
  arms: readonly LoadArm[];
  /** Put in front of every replay's scope prefix: a run's own rows on a shared deployment ('' locally). */
  scopeTag: string;
  store: RunStore;
  progress: Progress;
  random: Random;
  records: RepeatRecord[];
  warmups: WarmupRecord[];
  generator: LoadGenerator;
}): Promise<void> {
  const { config, arms, scopeTag, store, progress, random, records, warmups, generator } = options;
  const cells: CellPlan[] = config.connections.flatMap((connections) =>
    config.encodings.flatMap((encoding) => arms.map((arm) => ({ arm, connections, encoding }))),
  );
  // A scope prefix is 3 to 6 characters after a deployment's 3-character run tag: measured windows take 3
  // (46,656 of them), warm-up windows 'w' and 2 (1,296: more than MAX_WARMUP_BLOCKS allows any group).
  let [windows, warmupWindows] = [0, 0];
  const nextPrefix = () => (windows++).toString(36).padStart(3, '0');
  const nextWarmupPrefix = () => `w${(warmupWindows++).toString(36).padStart(2, '0')}`;

  const groups = [...new Set(cells.map(groupKey))].map((key) => cells.filter((cell) => groupKey(cell) === key));
  progress.start('http warm-up', groups.length);
  for (const [index, group] of shuffled(groups, random).entries()) {
    const warmed = await warmUp({ config, group, scopeTag, generator, random, nextPrefix: nextWarmupPrefix });
    warmups.push(...warmed);
    for (const warmup of warmed) fs.appendFileSync(store.file('http-warmup.jsonl'), `${JSON.stringify(warmup)}\n`);
    const blocks = warmed[0]!.windowsPerSec.length / 2;
    if (!warmed[0]!.steady) progress.log(`http ${groupKey(group[0]!)}: still changing after ${blocks} warm-up blocks`);
    progress.update(
      index + 1,
      `${groupKey(group[0]!)}: ${blocks} warm-up blocks, ${warmed.map((w) => `${w.variant}${w.twin ? ' (A/A)' : ''} ${w.windowsPerSec.at(-1)!.toFixed(0)}/s`).join(', ')}`,
    );
  }
  progress.stop(`${warmups.filter((warmup) => warmup.steady).length} of ${warmups.length} cells steady`);
  const amounts = new Map(cells.map((cell) => [cell, windowAmount(config, cell, warmups)]));

  const machine = loadRecorder();
  progress.start('http', cells.length * 2 * config.repeats);
  let order = 0;
  for (let block = 0; block < config.repeats; block++) {
    for (const group of shuffled(groups, random)) {
      for (const cell of palindromeBlock(group, random)) {
        runSignal.throwIfAborted();
        machine.mark();
        const record = await measureRepeat({
          config,
          ...cell,
          repeat: block,
          order,
          interactions: amounts.get(cell)!,
          scopeTag,
          prefix: nextPrefix(),
          generator,
        });
        record.machine = machine.mark();
        if (cell.arm.build !== undefined) record.build = cell.arm.build;
        records.push(record);
        fs.appendFileSync(store.file('http-repeats.jsonl'), `${JSON.stringify(record)}\n`);
        order++;
        if (record.failed) progress.log(`http ${cellName(cell)} FAILED: ${record.failed}`);
        progress.update(
          order,
          `${cellName(cell)}: ${record.interactionsPerSec.toFixed(0)} interactions/s, p50 ${record.interactionLatencyMs.p50.toFixed(1)} ms`,
        );
      }
    }
  }
  progress.stop(`${records.length} windows, ${records.filter((record) => record.failed).length} failed`);
}

/**
 * One group's warm-up: palindromic blocks like the measured ones, of timed windows half as long, until the
 * group's throughput (the geometric mean of its windows in a block) stops changing (warmedUp) or
 * MAX_WARMUP_BLOCKS ran. Warming the cells together gives the server the mix it is measured under: a path warmed
 * alone ran 50% faster after a JIT tier-up than it did later, interleaved with the others. Its mutations persist
 * under scopes of their own and are not checked (a timed stop leaves interactions in flight).
 */
async function warmUp(options: {
  config: Config;
  group: CellPlan[];
  scopeTag: string;
  generator: LoadGenerator;
  random: Random;
  nextPrefix: () => string;
}): Promise<WarmupRecord[]> {
  const { config, group, scopeTag, generator } = options;
  const windows = new Map(group.map((cell) => [cell, [] as number[]]));
  const blockRates: number[] = [];
  let seconds = 0;
  while (!warmedUp(blockRates) && blockRates.length < MAX_WARMUP_BLOCKS) {
    const rates: number[] = [];
    for (const cell of palindromeBlock(group, options.random)) {
      runSignal.throwIfAborted();
      const { arm, connections, encoding } = cell;
      const window = {
        connections,
        encoding,
        durationSeconds: config.windowSeconds / 2,
        timeoutMs: config.interactionTimeoutMs,
      };
      const result = await generator.replay({
        origin: arm.server.origin,
        capture: arm.capture,
        ...window,
        scopePrefix: `${scopeTag}${options.nextPrefix()}`,
      });
      windows.get(cell)!.push(result.interactionsPerSec);
      rates.push(result.interactionsPerSec);
      seconds += result.durationSeconds;
    }
    blockRates.push(geometricMean(rates.filter((rate) => rate > 0)));
  }
  return group.map((cell) => ({
    scenario: cell.arm.scenario,
    variant: cell.arm.variant,
    twin: cell.arm.twin,
    connections: cell.connections,
    encoding: cell.encoding,
    ...(cell.arm.build !== undefined ? { build: cell.arm.build } : {}),
    windowsPerSec: windows.get(cell)!,
    blocksPerSec: blockRates,
    steady: warmedUp(blockRates),
    seconds,
  }));
}

/**
 * A window's fixed work: `--amount`, or about `windowSeconds` at the rate the cell ran at in its last two warm-up windows.
 * Fixed work, not a timed stop, so that every interaction is answered and integrity is exact (persisted =
 * acknowledged), which a timed stop cannot give: it abandons up to one interaction per connection in flight.
 */
function windowAmount(config: Config, cell: CellPlan, warmups: readonly WarmupRecord[]): number {
  if (config.amount !== undefined) return config.amount;
  const warmup = warmups.find(
    (w) =>
      w.scenario === cell.arm.scenario &&
      w.variant === cell.arm.variant &&
      w.twin === cell.arm.twin &&
      w.connections === cell.connections &&
      w.encoding === cell.encoding &&
      w.build === cell.arm.build,
  );
  // A whole number of interactions per connection: autocannon splits the requests evenly across connections, so
  // any remainder would end some connections midway through a multi-request interaction (a POST without its GET).
  const perConnection = Math.max(
    1,
    Math.round((mean(warmup!.windowsPerSec.slice(-2)) * config.windowSeconds) / cell.connections),
  );
  return perConnection * cell.connections;
}

/**
 * One measured window of one cell: the replay with the server's resources sampled (a local server only), then the
 * integrity count for this window's scopes.
 */
export async function measureRepeat(
  options: CellPlan & {
    config: Config;
    repeat: number;
    order: number;
    interactions: number;
    scopeTag: string;
    prefix: string;
    generator: LoadGenerator;
  },
): Promise<RepeatRecord> {
  const { config, arm, connections, encoding, repeat, order, interactions, scopeTag, generator } = options;
  const prefix = scopeTag + options.prefix;
  const seconds = config.durationSeconds ?? config.windowSeconds;
  const load: ReplayOptions = {
    origin: arm.server.origin,
    capture: arm.capture,
    connections,
    encoding,
    timeoutMs: config.interactionTimeoutMs,
    scopePrefix: prefix,
    ...(config.durationSeconds !== undefined ? { durationSeconds: seconds } : { interactions }),
    ...(config.rate !== undefined
      ? { ratePerSecond: config.rate, durationSeconds: seconds, arrivals: config.arrivals, seed: config.seed + order }
      : {}),
  };
  const sampler = arm.server.pid === null ? null : sampleProcessGroup(arm.server.pid);
  const result = await generator.replay(load);
  const sampled = await sampler?.stop();
  const { mutations, duplicated } = await arm.persisted(arm.scenario, prefix);
  const fixedAmount = config.durationSeconds === undefined && config.rate === undefined;
  const { invalidExample: _invalidExample, ...measured } = result;
  return {
    scenario: arm.scenario,
    variant: arm.variant,
    twin: arm.twin,
    connections,
    encoding,
    repeat,
    order,
    interactions: fixedAmount ? interactions : result.acknowledged,
    ...measured,
    persisted: mutations,
    duplicated,
    server: sampled ? { peakCpuPct: sampled.peakCpuPct, peakRssMb: sampled.peakRssMb, points: sampled.points } : null,
    serverCpuMsPerInteraction: sampled ? (result.completed ? sampled.cpuMs / result.completed : 0) : null,
    machine: { seconds: 0, loadAverage1: 0, busyCores: 0, foreignCores: 0, stealShare: 0, busy: false },
    // A timed window stops with up to one interaction per connection in flight, which may persist unacknowledged.
    failed: failureOf(result, mutations, duplicated, fixedAmount || config.rate !== undefined ? 0 : connections),
  };
}
