import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyMeasurement, measureBrowser, UNCOMMITTED_IN_A_ROW } from '../runner/measure/browser/measure';
import type { BrowserSession, InteractionOutcome } from '../runner/measure/browser/session';
import { resolveConfig } from '../runner/core/config';
import { armKey, makePlan, sessionKey, SINGLE_BUILD } from '../runner/core/plan';
import type { Progress } from '../runner/core/progress';
import { RunStore } from '../runner/contract/store';
import { scenarioById } from '../runner/scenarios';
import { seededRandom } from '../runner/stats/random';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const quiet: Progress = {
  start: () => undefined,
  update: () => undefined,
  log: () => undefined,
  stop: () => undefined,
};

const committed = (latencyMs: number): InteractionOutcome => ({
  committed: true,
  latencyMs,
  listenerLatencyMs: latencyMs,
  inputDelayMs: 0,
  frameMs: latencyMs,
  marksMs: {},
  requests: [{ method: 'POST', path: '/api/counter', status: 200, startMs: 1, endMs: latencyMs - 1 }],
  roundTrips: 1,
  wireBytes: { toServer: 500, toClient: 300 },
  newConnections: 0,
});
const uncommitted: InteractionOutcome = {
  committed: false,
  waitedMs: 10_000,
  requests: [{ method: 'POST', path: '/api/counter', status: 200, startMs: 1, endMs: 9 }],
  expected: '"1" in output[aria-label="count"]',
};

/**
 * The browser phase on a scripted page: `outcomeOf(variant, round, index)` says how each interaction ends. No browser
 * and no server: what is under test is what the sampler does with the outcomes.
 */
async function run(outcomeOf: (variant: string, round: number, index: number) => InteractionOutcome) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-measure-'));
  dirs.push(dir);
  const config = resolveConfig(
    ['--scenarios', 'counter', '--rtt', '0', '--n-min', '6', '--n-max', '12', '--out', dir],
    new Date(),
    dir,
  )!;
  const plan = makePlan([scenarioById('counter')], config.rttMs, ['no-defer'], SINGLE_BUILD);
  let round = 0;
  let index = 0;
  const page = {
    load: async () => {
      index = 0;
    },
    setRtt: async () => undefined,
    setBandwidth: async () => undefined,
    interact: async (_scenario: unknown, variant: string) => outcomeOf(variant, round, index++),
  } as unknown as BrowserSession;
  const measurement = emptyMeasurement(plan);
  const progress: Progress = { ...quiet, update: (done) => void (round = done) };
  await measureBrowser({
    config: { ...config, warmupRounds: 0, warmup: 0 },
    plan,
    sessions: new Map([[sessionKey(plan.arms[0]!), page]]),
    store: new RunStore(dir),
    progress,
    random: seededRandom(1),
    measurement,
  });
  return { measurement, plan };
}

describe('interactions that never commit', () => {
  it('are recorded as outcomes, end their page load, and leave the arm measuring', async () => {
    // The route's second interaction of every other page load never commits.
    const { measurement } = await run((variant, round, index) =>
      variant === 'route' && round % 2 === 0 && index === 1 ? uncommitted : committed(20),
    );
    expect(measurement.failedArms.size).toBe(0);
    const never = measurement.uncommitted.filter((interaction) => interaction.variant === 'route');
    expect(never.length).toBeGreaterThan(0);
    expect(never.every((interaction) => interaction.index === 1 && interaction.waitedMs === 10_000)).toBe(true);
    // The page load ended there: no sample of that page load after the uncommitted interaction.
    for (const interaction of never)
      expect(
        measurement.samples.filter(
          (sample) => sample.variant === 'route' && sample.round === interaction.round && sample.index > 1,
        ),
      ).toEqual([]);
  });

  it(`fail the arm after ${UNCOMMITTED_IN_A_ROW} page loads in a row, naming what the page never showed`, async () => {
    const { measurement, plan } = await run((variant) => (variant === 'route' ? uncommitted : committed(20)));
    const route = plan.arms.find((arm) => arm.variant === 'route' && !arm.twin)!;
    expect([...measurement.failedArms]).toEqual([armKey(route)]);
    expect(measurement.uncommitted.filter((interaction) => interaction.variant === 'route')).toHaveLength(
      UNCOMMITTED_IN_A_ROW,
    );
    expect(measurement.failures[0]!.message).toMatch(
      /counter at \/counter\/route: the page did not show "1" in output\[aria-label="count"\] within 10000 ms in 3 page loads in a row, though every request was answered \(last: POST \/api\/counter -> 200\)/,
    );
  });
});
