import fs from 'node:fs';
import type { PersistedCounts } from '../../bench-app/lib/integrity-sql';
import { runSignal } from '../cleanup';
import type { Config, Encoding } from '../config';
import type { Progress } from '../progress';
import type { RunStore } from '../results/store';
import { scenarioById, variantsOf } from '../scenarios';
import { shuffled, type Random } from '../stats/random';
import { loadRecorder, type MachineLoad } from '../system/machine-load';
import type { Capture } from './capture';
import { replay, type ReplayOptions, type ReplayResult } from './replay';
import { sampleProcessGroup, type ResourceSeries } from '../system/resources';
import type { BuildLabel } from '../plan';

/** Above this share of one core, the load generator (autocannon, in this process) may be the bottleneck, not the server. */
export const LOAD_GENERATOR_SATURATION = 0.9;

export const FLOOR = 'floor';

/** Where load goes: a local server (its process group is sampled) or a deployment (--target: no process of ours). */
export interface LoadServer {
  origin: string;
  pid: number | null;
}

/** What a scenario persisted under a scope prefix: the local database read directly, or a deployment's integrity endpoint. */
export type PersistedReader = (scenario: string, prefix: string) => Promise<Pick<PersistedCounts, 'mutations' | 'duplicated'>>;

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

/** One short replay of one cell, kept as measured (http-repeats.jsonl). */
export interface RepeatRecord extends Omit<ReplayResult, 'invalidExample'> {
  scenario: string;
  variant: string;
  twin: boolean;
  connections: number;
  encoding: Encoding;
  repeat: number;
  interactions: number;
  persisted: number;
  duplicated: number;
  /** null: the server is not a process of ours (--target). */
  server: Omit<ResourceSeries, 'cpuMs'> | null;
  serverCpuMsPerInteraction: number | null;
  machine: MachineLoad;
  failed: string | null;
  /** The build loaded, in a version matrix (runner/plan.ts BuildLabel); absent: this checkout's. */
  build?: BuildLabel;
}

/** The arms of one scenario: the reference, its A/A twin, the other variants and the floor (when there is one) under the floor's variant. */
export function loadArms(scenarioId: string, captures: readonly Capture[], target: LoadTarget, floor: LoadServer | null): LoadArm[] {
  const scenario = scenarioById(scenarioId);
  return variantsOf(scenario).flatMap((variant) => {
    const capture = captures.find((c) => c.scenario === scenarioId && c.variant === variant);
    if (!capture) return [];
    const arm: LoadArm = { scenario: scenarioId, variant, twin: false, capture, ...target };
    return [
      arm,
      ...(variant === scenario.reference ? [{ ...arm, twin: true }] : []),
      // The floor is no build's: a bare server over the services, the same for every version of a matrix.
      ...(floor && variant === scenario.floorVariant ? [{ ...arm, variant: FLOOR, server: floor, build: undefined }] : []),
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
  if (persisted < result.acknowledged) return `${result.acknowledged - persisted} acknowledged mutations were not persisted`;
  if (duplicated > 0) return `${duplicated} mutations were applied twice`;
  if (persisted > result.acknowledged + inFlightAtStop) return `${persisted - result.acknowledged} mutations persisted without an acknowledgement`;
  return null;
}

interface CellPlan {
  arm: LoadArm;
  connections: number;
  encoding: Encoding;
}

/**
 * Every cell (arm x connections x encoding) runs `repeats` short replays. Repeats are interleaved: each pass runs
 * every cell once, in a fresh seeded order, so drift hits every cell alike and ratios can be paired by pass.
 */
export async function measureHttp(options: {
  config: Config;
  /** Every arm of every target: a version matrix's versions are interleaved in the same passes, like their browser arms. */
  arms: readonly LoadArm[];
  /** Put in front of every replay's scope prefix: a run's own rows on a shared deployment ('' locally). */
  scopeTag: string;
  store: RunStore;
  progress: Progress;
  random: Random;
  records: RepeatRecord[];
}): Promise<void> {
  const { config, arms, scopeTag, store, progress, random, records } = options;
  const cells: CellPlan[] = config.connections.flatMap((connections) => config.encodings.flatMap((encoding) => arms.map((arm) => ({ arm, connections, encoding }))));
  const machine = loadRecorder();
  progress.start('http', cells.length * config.repeats);
  let done = 0;
  for (let repeat = 0; repeat < config.repeats; repeat++) {
    for (const cell of shuffled(cells, random)) {
      runSignal.throwIfAborted();
      machine.mark();
      const record = await measureRepeat({ config, ...cell, repeat, scopeTag, prefix: done.toString(36).padStart(3, '0') });
      record.machine = machine.mark();
      if (cell.arm.build !== undefined) record.build = cell.arm.build;
      records.push(record);
      fs.appendFileSync(store.file('http-repeats.jsonl'), `${JSON.stringify(record)}\n`);
      done++;
      const name = `${cell.arm.build ? `${cell.arm.build} ` : ''}${cell.arm.scenario}/${cell.arm.variant}${cell.arm.twin ? ' (A/A)' : ''} ${cell.encoding} x${cell.connections}`;
      if (record.failed) progress.log(`http ${name} FAILED: ${record.failed}`);
      progress.update(done, `${name}: ${record.interactionsPerSec.toFixed(0)} interactions/s, p50 ${record.interactionLatencyMs.p50.toFixed(1)} ms`);
    }
  }
  progress.stop(`${records.length} repeats, ${records.filter((record) => record.failed).length} failed`);
}

/**
 * One repeat of one cell: a discarded warm-up replay (the server's JIT and caches, after another cell ran), then
 * the measured replay with the server's resources sampled (a local server only), then the integrity count for
 * this repeat's scopes.
 */
export async function measureRepeat(options: CellPlan & { config: Config; repeat: number; scopeTag: string; prefix: string }): Promise<RepeatRecord> {
  const { config, arm, connections, encoding, repeat, scopeTag } = options;
  const prefix = scopeTag + options.prefix;
  const interactions = config.amount ?? Math.max(config.minInteractions, config.interactionsPerConnection * connections);
  const load: Omit<ReplayOptions, 'scopePrefix'> = {
    origin: arm.server.origin,
    capture: arm.capture,
    connections,
    encoding,
    timeoutMs: config.interactionTimeoutMs,
    ...(config.durationSeconds !== undefined ? { durationSeconds: config.durationSeconds } : { interactions }),
    ...(config.rate !== undefined ? { ratePerSecond: config.rate, durationSeconds: config.durationSeconds ?? 5, arrivals: config.arrivals, seed: config.seed + repeat } : {}),
  };
  await replay({ origin: load.origin, capture: load.capture, connections, encoding, interactions: Math.max(20, 2 * connections), scopePrefix: `${scopeTag}w${options.prefix.slice(1)}` });
  const sampler = arm.server.pid === null ? null : sampleProcessGroup(arm.server.pid);
  const result = await replay({ ...load, scopePrefix: prefix });
  const sampled = await sampler?.stop();
  const { mutations, duplicated } = await arm.persisted(arm.scenario, prefix);
  const fixedAmount = config.durationSeconds === undefined && config.rate === undefined;
  const { invalidExample, ...measured } = result;
  return {
    scenario: arm.scenario,
    variant: arm.variant,
    twin: arm.twin,
    connections,
    encoding,
    repeat,
    interactions: fixedAmount ? interactions : result.acknowledged,
    ...measured,
    persisted: mutations,
    duplicated,
    server: sampled ? { peakCpuPct: sampled.peakCpuPct, peakRssMb: sampled.peakRssMb, points: sampled.points } : null,
    serverCpuMsPerInteraction: sampled ? (result.completed ? sampled.cpuMs / result.completed : 0) : null,
    machine: { seconds: 0, loadAverage1: 0, busyCores: 0, foreignCores: 0, stealShare: 0, busy: false },
    failed: failureOf(result, mutations, duplicated, config.durationSeconds !== undefined && config.rate === undefined ? connections : 0),
  };
}
