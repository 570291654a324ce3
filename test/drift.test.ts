import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonMarkdown, DEFAULT_BAND, REGRESSION_ALPHA } from '../runner/analyse/compare/compare';
import type { MetricSeries } from '../runner/analyse/compare/metric';
import { driftFor, driftSentence, learnDrift, metricFamily } from '../runner/analyse/compare/drift';
import { driftFile, readDriftModel } from '../runner/analyse/compare/run-comparison';
import { UserError } from '../runner/core/errors';
import { normal, seededRandom } from './support/simulate';
import type { Random } from '../runner/stats/random';

const NOW = new Date('2026-12-07T12:00:00Z');

/**
 * One run of the same code: every load cell's throughput per block, around a level that the whole run shares
 * (a run effect of sd `between` on the log scale) with block-to-block noise of sd `within` (8-10% measured here).
 */
function loadRun(
  random: Random,
  options: { between: number; within: number; blocks: number; change?: number },
): MetricSeries[] {
  const runEffect = options.between * normal(random);
  return ['action', 'route', 'route-json', 'route-refresh'].map((variant, i) => ({
    key: `http counter/${variant} 10 connections gzip throughput`,
    kind: 'throughput',
    unit: 'interactions/s',
    values: Array.from(
      { length: options.blocks },
      () => (600 + 100 * i) * Math.exp(runEffect + options.within * normal(random) + (options.change ?? 0)),
    ),
  }));
}

describe('learnDrift', () => {
  it('recovers a known between-run sd from same-code runs (method of moments, known answer)', () => {
    const random = seededRandom(21);
    const estimates = Array.from({ length: 200 }, () => {
      const runs = Array.from({ length: 5 }, (_, r) => ({
        runId: `run-${r}`,
        gitSha: 'abc',
        metrics: loadRun(random, { between: 0.1, within: 0.09, blocks: 6 }),
      }));
      return learnDrift(runs, 'cpu x2', NOW).families['load throughput']!.sdLog;
    });
    const meanVariance = estimates.reduce((sum, sd) => sum + sd ** 2, 0) / estimates.length;
    // Unbiased for the variance before the floor at 0; the floor lifts it a little.
    expect(Math.sqrt(meanVariance)).toBeGreaterThan(0.09);
    expect(Math.sqrt(meanVariance)).toBeLessThan(0.115);
  });

  it('names families, refuses fewer than three runs and says what it learned', () => {
    expect(metricFamily({ key: 'http counter/action 10 connections gzip throughput', kind: 'throughput' })).toBe(
      'load throughput',
    );
    expect(
      metricFamily({
        key: 'browser counter/action at RTT 0 ms: POST /counter/action time to first byte',
        kind: 'latency',
      }),
    ).toBe('browser time to first byte');
    expect(metricFamily({ key: 'browser counter/action at RTT 0 ms', kind: 'latency' })).toBe('browser latency');
    const random = seededRandom(1);
    const run = (id: string) => ({
      runId: id,
      gitSha: 'abcdef1234567890',
      metrics: loadRun(random, { between: 0.05, within: 0.05, blocks: 6 }),
    });
    expect(() => learnDrift([run('a'), run('b')], 'cpu x2', NOW)).toThrow(/3 or more/);
    const model = learnDrift([run('a'), run('b'), run('c')], 'cpu x2', NOW);
    expect(driftSentence(model)).toMatch(
      /^Between-run drift learned on this machine from 3 same-code runs \(abcdef123456, 2026-12-07\), one standard deviation per run: load throughput [\d.]+% \(4 metrics\)/,
    );
    expect(driftFor(model, { key: 'browser counter/action at RTT 0 ms', kind: 'latency' })).toBeNull();
    expect(driftSentence(null)).toMatch(/drift between the two runs counts as change/);
  });
});

describe('a stored baseline with drift between runs', () => {
  // Same code, runs drifting apart by 8% (sd of the run effect), each block 9% noisy: the between-run
  // differences measured here (route 515 to 883 interactions/s between same-code load runs) are of that order.
  /** A drift model learned from 8 same-code runs of that kind. */
  const calibrated = (random: Random) =>
    learnDrift(
      Array.from({ length: 8 }, (_, r) => ({
        runId: `cal-${r}`,
        gitSha: 'abc',
        metrics: loadRun(random, { between: 0.08, within: 0.09, blocks: 6 }),
      })),
      'cpu x2',
      NOW,
    );
  const trial = (random: Random, drift: ReturnType<typeof learnDrift> | null, change = 0) =>
    compareRuns(
      loadRun(random, { between: 0.08, within: 0.09, blocks: 6 }),
      loadRun(random, { between: 0.08, within: 0.09, blocks: 6, change }),
      DEFAULT_BAND,
      false,
      drift,
    );

  it('raises false alarms without a drift model, and keeps them near the nominal rate with one, at the band edge', () => {
    const random = seededRandom(33);
    const model = calibrated(random);
    const trials = 1500;
    // A true change exactly at the band's edge (5% less throughput): the hardest case a false alarm can come from.
    const edge = Math.log(1 - DEFAULT_BAND.pct / 100);
    const alarms = (drift: typeof model | null) => {
      let count = 0;
      for (let t = 0; t < trials; t++)
        if (trial(random, drift, edge).some((row) => row.verdict === 'regression')) count++;
      return count / trials;
    };
    expect(alarms(null)).toBeGreaterThan(0.15);
    expect(alarms(model)).toBeLessThan(REGRESSION_ALPHA * 2);
  });

  it('still finds throughput halved with the drift model (8% run-to-run drift leaves a stored comparison blind to small changes)', () => {
    const random = seededRandom(34);
    const model = calibrated(random);
    let found = 0;
    for (let t = 0; t < 200; t++)
      if (trial(random, model, Math.log(0.5)).some((row) => row.verdict === 'regression')) found++;
    expect(found / 200).toBeGreaterThan(0.8);
    const rows = trial(random, model, Math.log(0.5));
    expect(comparisonMarkdown(rows, { baseline: 'a', candidate: 'b' }, DEFAULT_BAND, 'stored', model)).toContain(
      'Between-run drift learned on this machine from 8 same-code runs',
    );
  });
});

describe('the drift model on disk', () => {
  it('is read for the baseline’s machine only, and a wrong one is refused in one line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-drift-'));
    const random = seededRandom(5);
    const model = learnDrift(
      ['a', 'b', 'c'].map((id) => ({
        runId: id,
        gitSha: 'abc',
        metrics: loadRun(random, { between: 0.05, within: 0.05, blocks: 6 }),
      })),
      'Some CPU x2',
      NOW,
    );
    const file = driftFile('Some CPU x2', dir);
    expect(path.basename(file)).toBe('drift-some-cpu-x2.json');
    fs.writeFileSync(file, JSON.stringify(model));
    expect(readDriftModel('Some CPU x2', file)).toEqual(model);
    expect(() => readDriftModel('Other CPU x8', file)).toThrow(UserError);
    expect(() => readDriftModel('Some CPU x2', path.join(dir, 'missing.json'))).toThrow(/no such file/);
    expect(readDriftModel('Nowhere x1', undefined)).toBeNull();
  });
});
