import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AppServer } from '../app-server';
import type { Config } from '../config';
import type { Progress } from '../progress';
import { queryOnce } from '../read-database';
import type { HttpCell } from '../results/schema';
import type { RunStore } from '../results/store';
import { scenarioById, variantsOf } from '../scenarios';
import { shuffled, type Random } from '../stats/random';
import { captureInteraction, type Capture } from './capture';
import { replay, type ReplayOptions } from './replay';
import { sampleProcessGroup } from './resources';

/** Above this share of one core, the load generator (autocannon, in this process) is the bottleneck, not the server. */
export const LOAD_GENERATOR_SATURATION = 0.9;
/** Interactions replayed before each measured load, discarded: JIT and caches warm up on the server. */
const WARMUP_INTERACTIONS = 50;

export const FLOOR = 'floor';

export interface Target {
  variant: string;
  server: AppServer;
  capture: Capture;
}

/**
 * Why a replay's numbers must not be reported as they stand, or null. Integrity: with a fixed amount every
 * request is answered, so persisted must equal acknowledged; with a fixed duration, interactions in flight at the
 * stop (at most one per connection) may persist unacknowledged.
 */
function failureOf(cell: Omit<HttpCell, 'failed' | 'floorRatio'>, invalidExample: string | null, inFlightAtStop: number): string | null {
  if (cell.invalid > 0) return `${cell.invalid} responses differ from the browser's (${invalidExample})`;
  if (cell.non2xx > 0) return `${cell.non2xx} non-2xx responses`;
  if (cell.errors > 0) return `${cell.errors} connection errors (${cell.timeouts} timeouts)`;
  if (cell.persisted < cell.acknowledged) return `${cell.acknowledged - cell.persisted} acknowledged mutations were not persisted`;
  if (cell.duplicated > 0) return `${cell.duplicated} mutations were applied twice`;
  if (cell.persisted > cell.acknowledged + inFlightAtStop) return `${cell.persisted - cell.acknowledged} mutations persisted without an acknowledgement`;
  return null;
}

/**
 * Captures each variant's real wire requests in Chromium, then replays each as whole interactions with
 * autocannon at every connection count, against the fixture and (for the Route Handler shape) the bare floor.
 * Cells run one at a time, in a seeded random order per connection count.
 */
export async function measureHttp(options: {
  config: Config;
  browser: Browser;
  fixture: AppServer;
  floor: AppServer;
  dbPath: string;
  store: RunStore;
  progress: Progress;
  random: Random;
  cells: HttpCell[];
}): Promise<void> {
  const { config, browser, fixture, floor, dbPath, store, progress, random, cells } = options;
  const captures: Capture[] = [];
  const targets: { scenario: string; targets: Target[] }[] = [];
  for (const scenarioId of config.scenarios) {
    const scenario = scenarioById(scenarioId);
    const scenarioTargets: Target[] = [];
    for (const variant of variantsOf(scenario)) {
      const capture = await captureInteraction(browser, fixture.origin, scenarioId, variant);
      captures.push(capture);
      scenarioTargets.push({ variant, server: fixture, capture });
      if (variant === scenario.floorVariant) scenarioTargets.push({ variant: FLOOR, server: floor, capture });
    }
    targets.push({ scenario: scenarioId, targets: scenarioTargets });
  }
  fs.writeFileSync(store.file('capture.json'), `${JSON.stringify(captures, null, 2)}\n`);

  const plan = config.connections.flatMap((connections) =>
    targets.flatMap(({ scenario, targets: list }) => shuffled(list, random).map((target) => ({ scenario, connections, target }))),
  );
  progress.start('http', plan.length);
  for (const [index, { scenario, connections, target }] of plan.entries()) {
    const cell = await measureHttpCell({ config, scenarioId: scenario, connections, target, dbPath, prefix: `c${index.toString(36).padStart(2, '0')}` });
    cells.push(cell);
    if (cell.failed) progress.log(`http ${scenario}/${target.variant} x${connections} FAILED: ${cell.failed}`);
    progress.update(index + 1, `${scenario}/${target.variant} x${connections}: ${cell.interactionsPerSec.toFixed(0)} interactions/s, p50 ${cell.interactionLatencyMs.p50.toFixed(1)} ms`);
  }
  progress.stop(`${cells.length} cells, ${cells.filter((cell) => cell.failed).length} failed`);
  addFloorRatios(cells);
}

/**
 * One cell: a discarded warm-up replay, then the measured replay with the server's resources sampled, then the
 * integrity count for this cell's scopes (prefix: 3 of [a-z0-9], unique in the run).
 */
export async function measureHttpCell(options: {
  config: Config;
  scenarioId: string;
  connections: number;
  target: Target;
  dbPath: string;
  prefix: string;
}): Promise<HttpCell> {
  const { config, scenarioId, connections, target, dbPath, prefix } = options;
  const interactions = config.amount ?? Math.max(config.minInteractions, config.interactionsPerConnection * connections);
  const load: Omit<ReplayOptions, 'scopePrefix'> = {
    origin: target.server.origin,
    capture: target.capture,
    connections,
    acceptEncoding: config.acceptEncoding === 'browser',
    ...(config.durationSeconds !== undefined ? { durationSeconds: config.durationSeconds } : { interactions }),
    ...(config.rate !== undefined ? { ratePerSecond: config.rate } : {}),
  };
  await replay({ ...load, interactions: WARMUP_INTERACTIONS, durationSeconds: undefined, ratePerSecond: undefined, scopePrefix: `w${prefix.slice(1)}` });
  const sampler = sampleProcessGroup(target.server.pid);
  const result = await replay({ ...load, scopePrefix: prefix });
  const server = await sampler.stop();
  const { mutations, duplicated } = queryOnce<{ mutations: number; duplicated: number }>(dbPath, scenarioById(scenarioId).persistedSql, `${prefix}%`);
  const { invalidExample, ...measured } = result;
  const cell: Omit<HttpCell, 'failed' | 'floorRatio'> = {
    scenario: scenarioId,
    variant: target.variant,
    connections,
    ratePerSecond: config.rate ?? null,
    interactions: config.durationSeconds !== undefined ? result.acknowledged : interactions,
    ...measured,
    persisted: mutations,
    duplicated,
    server,
    loadGeneratorSaturated: result.loadGeneratorCpu >= LOAD_GENERATOR_SATURATION,
  };
  return { ...cell, failed: failureOf(cell, invalidExample, config.durationSeconds !== undefined ? connections : 0), floorRatio: null };
}

/** Each cell against the floor of its scenario at the same connections. */
export function addFloorRatios(cells: HttpCell[]): void {
  for (const cell of cells) {
    const floor = cells.find((c) => c.scenario === cell.scenario && c.variant === FLOOR && c.connections === cell.connections);
    cell.floorRatio =
      floor && cell.variant !== FLOOR && floor.interactionLatencyMs.p50 > 0 && floor.interactionsPerSec > 0
        ? { latencyP50: cell.interactionLatencyMs.p50 / floor.interactionLatencyMs.p50, interactionsPerSec: cell.interactionsPerSec / floor.interactionsPerSec }
        : null;
  }
}
