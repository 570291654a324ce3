import { describe, expect, it } from 'vitest';
import { summarizeHttp } from '../runner/analyse/load';
import type { RepeatRecord } from '../runner/contract/records';
import { seededRandom } from '../runner/stats/random';
import { palindromeBlock } from '../runner/stats/steady-state';
import { parseCoreList, splitCores } from '../runner/measure/system/affinity';

const percentiles = { p50: 10, p90: 20, p99: 30, p99_9: 40 };

function window(cell: string, block: number, order: number, rate: number): RepeatRecord {
  const [variant, twin] = cell === 'action#aa' ? ['action', true] : [cell, false];
  return {
    scenario: 'counter',
    variant: variant as string,
    twin: twin as boolean,
    connections: 10,
    encoding: 'identity',
    repeat: block,
    order,
    interactions: Math.round(rate),
    durationSeconds: 1,
    requestsPerInteraction: 1,
    totalRequests: Math.round(rate),
    completed: Math.round(rate),
    requestsPerSec: rate,
    interactionsPerSec: rate,
    latencyMs: percentiles,
    interactionLatencyMs: percentiles,
    requestBytesPerInteraction: 500,
    responseBytesPerInteraction: 300,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    dropped: 0,
    late: 0,
    invalid: 0,
    acknowledged: Math.round(rate),
    loadGeneratorCpu: 0.15,
    persisted: Math.round(rate),
    duplicated: 0,
    server: null,
    serverCpuMsPerInteraction: 1000 / rate,
    machine: { seconds: 1, loadAverage1: 1, busyCores: 1, foreignCores: 0, stealShare: 0, busy: false },
    failed: null,
  };
}

/** Blocks of palindromes over three cells whose true rates are `base`, times a machine speed that changes with the window's order. */
function run(
  base: Record<string, (block: number) => number>,
  machine: (order: number) => number,
  blocks = 6,
): RepeatRecord[] {
  const random = seededRandom(5);
  let order = 0;
  return Array.from({ length: blocks }, (_, block) =>
    palindromeBlock(Object.keys(base), random).map((cell) =>
      window(cell, block, order, base[cell]!(block) * machine(order++)),
    ),
  ).flat();
}

const steady = { action: () => 600, 'action#aa': () => 600, route: () => 800 };
const ratioOf = (records: RepeatRecord[], kind: string) =>
  summarizeHttp(records, () => 'action').ratios.find((r) => r.kind === kind && r.measure === 'interactionsPerSec')!;
const cellOf = (records: RepeatRecord[], variant: string, twin = false) =>
  summarizeHttp(records, () => 'action').cells.find((c) => c.variant === variant && c.twin === twin)!;

describe('summarizeHttp on palindromic blocks', () => {
  it('pairs each ratio by block: a machine slowing 4% per window leaves the ratios exact and no cell drifting against its group', () => {
    const records = run(steady, (order) => 0.96 ** order);
    const comparison = ratioOf(records, 'comparison');
    expect(comparison).toMatchObject({ a: 'action', b: 'route', repeats: 6 });
    expect(comparison.estimate).toBeCloseTo(0.75, 10);
    expect(ratioOf(records, 'aa').estimate).toBeCloseTo(1, 10);
    const route = cellOf(records, 'route');
    // Each cell against its group: level. The cell's own throughput over the run: falling, and shown as such.
    expect(route.trend).toMatchObject({ stationary: true });
    expect(route.drift).toMatchObject({ stationary: false });
    expect(route.drift!.perStepPct).toBeCloseTo(-4, 6);
    expect(route.perRepeat).toHaveLength(12);
    expect(route.perRepeat.map((w) => w.block)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('flags a cell still warming against the others (the action 3% faster each block) and only that one', () => {
    const records = run({ ...steady, action: (block) => 500 * 1.03 ** block }, () => 1);
    expect(cellOf(records, 'action').trend).toMatchObject({ stationary: false });
    expect(cellOf(records, 'action').trend!.perStepPct).toBeGreaterThan(1.5);
    // The group mean rises with the action, so the level cells lean the other way, by half as much.
    expect(Math.abs(cellOf(records, 'route').trend!.perStepPct)).toBeLessThan(
      Math.abs(cellOf(records, 'action').trend!.perStepPct),
    );
  });

  it('reads runs from before blocks (one window per repeat, no order) by repeat', () => {
    const old = ['action', 'action#aa', 'route'].flatMap((cell, i) =>
      [0, 1, 2].map((repeat) => ({
        ...window(cell, repeat, 0, (cell === 'route' ? 800 : 600) * (1 + 0.01 * i)),
        order: undefined,
      })),
    );
    const comparison = ratioOf(old, 'comparison');
    expect(comparison.repeats).toBe(3);
    // The route is the third cell: 800 x 1.02.
    expect(comparison.estimate).toBeCloseTo(600 / 816, 6);
  });
});

describe('core pinning', () => {
  it("reads taskset's core lists and gives the load generator the last core", () => {
    expect(parseCoreList('0-2,5\n')).toEqual([0, 1, 2, 5]);
    expect(parseCoreList('3')).toEqual([3]);
    expect(splitCores([0, 1])).toEqual({ server: [0], generator: [1] });
    expect(splitCores([0, 1, 2, 3])).toEqual({ server: [0, 1, 2], generator: [3] });
    expect(splitCores([0])).toBeNull();
  });
});
