import { describe, expect, it } from 'vitest';
import { c04a, c04b } from '../runner/analyse/claims/c04-throughput';
import { QUICK_REASON } from '../runner/analyse/claims/gating';
import type { Claim, HttpCell } from '../runner/contract/results';
import { claim, evaluated, http, read, run } from './claims-support';

type Row = Record<string, unknown>;

describe('C4a and C4b', () => {
  it('state the direction and depend on compression when the conditions disagree', () => {
    const input = { run, http: http([0.55, 0.65], [0.86, 1.0]) };
    const notFaster = evaluated(c04a, input);
    expect(notFaster.verdict).toBe('supported');
    expect(notFaster.summary).toMatch(
      /the action's throughput is 40% lower \(action \/ route 0\.60, 95% CI 0\.55 to 0\.65\) with the browser's gzip/,
    );
    const equivalent = evaluated(c04b, { run, http: http([0.55, 0.65], [0.9, 1.05]) });
    expect(equivalent.verdict).toBe('depends');
    expect(equivalent.summary).toMatch(/It depends on compression: refuted with gzip, supported with identity/);
  });

  it('are inconclusive when the CI crosses the bound, and refuted "not faster" when the action is faster', () => {
    expect(evaluated(c04b, { run, http: http([0.8, 0.95], [0.8, 0.95]) }).verdict).toBe('inconclusive');
    expect(evaluated(c04a, { run, http: http([1.1, 1.3], [1.1, 1.3]) }).verdict).toBe('refuted');
  });

  it('are inconclusive when the load A/A ratio excludes 1', () => {
    const claim = evaluated(c04a, { run, http: http([0.55, 0.65], [0.55, 0.65], [1.02, 1.1]) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(
      /A\/A throughput ratio was not shown to be within ±5% \(1\.059, 90% CI 1\.026 to 1\.094\)/,
    );
  });

  it('are inconclusive when the load A/A ratio contains 1 but is too wide to show the instrument within ±5%', () => {
    // The old gate (CI contains 1) passed this: the noisier the run, the easier it passed.
    const claim = evaluated(c04a, { run, http: http([0.55, 0.65], [0.55, 0.65], [0.9, 1.08]) });
    expect(claim.verdict).toBe('inconclusive');
    expect(String(claim.evidence[0]!.reason)).toMatch(/not shown to be within ±5%/);
  });

  it('are inconclusive when a cell drifted against its group, never warmed up, measured the generator or ran on a busy machine', () => {
    const trend = (stationary: boolean) => ({
      perStepPct: stationary ? 0.2 : 2.5,
      ci95Pct: (stationary ? [-1, 1.4] : [1.1, 3.9]) as [number, number],
      points: 8,
      stationary,
    });
    const warmup = (steady: boolean) => ({
      windowsPerSec: [500, 600],
      blocksPerSec: [400, 500, 600],
      steady,
      seconds: 9,
    });
    const window = (busy: boolean) => ({
      interactionsPerSec: 600,
      requestsPerSec: 600,
      latencyMs: { p50: 1, p90: 2, p99: 3, p99_9: 4 },
      interactionLatencyMs: { p50: 1, p90: 2, p99: 3, p99_9: 4 },
      serverCpuMsPerInteraction: 1,
      loadGeneratorCpu: 0.2,
      machine: { seconds: 1, loadAverage1: 1, busyCores: 1, foreignCores: busy ? 0.5 : 0, stealShare: 0, busy },
    });
    const sound = {
      trend: trend(true),
      warmup: warmup(true),
      loadGeneratorCpu: 0.2,
      loadGeneratorSaturated: false,
      busyRepeats: 0,
      perRepeat: [window(false), window(false), window(false)],
    };
    const withRoute = (route: Partial<HttpCell>) => {
      const results = http([0.55, 0.65], [0.55, 0.65]);
      results.cells = results.cells.map((cell) => ({
        ...cell,
        ...sound,
        ...(cell.variant === 'route' && cell.encoding === 'gzip' ? route : {}),
      }));
      return evaluated(c04a, { run, http: results }).evidence.find((row) => row.encoding === 'gzip')!;
    };
    expect(withRoute({}).verdict).toBe('supported');
    expect(withRoute({ trend: trend(false) })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/route cell drifted against the cells it is compared with \(2\.5% per block/),
    });
    expect(withRoute({ warmup: warmup(false) })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/still changing after 3 warm-up blocks/),
    });
    expect(withRoute({ loadGeneratorCpu: 0.95, loadGeneratorSaturated: true })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/measured the load generator: it used 95% of its core/),
    });
    // DESIGN: more than a third of busy windows holds a row back; one of three does not.
    expect(withRoute({ busyRepeats: 1, perRepeat: [window(true), window(false), window(false)] }).verdict).toBe(
      'supported',
    );
    expect(withRoute({ busyRepeats: 2, perRepeat: [window(true), window(true), window(false)] })).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/during 2 of 3 windows/),
    });
  });

  it('are not-measured without the HTTP suite', () => {
    expect(evaluated(c04a, { run }).verdict).toBe('not-measured');
    expect(evaluated(c04b, { run }).verdict).toBe('not-measured');
  });
});

const c4aRow = (
  encoding: string,
  estimate: number,
  upperBound95: number,
  verdict: Claim['verdict'],
  extra: Row = {},
) => ({
  test: 'not faster (one-sided 95%)',
  estimate,
  ci95: [estimate - 0.07, estimate + 0.07],
  repeats: 5,
  connections: 10,
  encoding,
  upperBound95,
  verdict,
  ...extra,
});
const c4bRow = (encoding: string, estimate: number, ci90: [number, number], verdict: Claim['verdict']) => ({
  test: 'within ±15% (equivalence, 90% CI inside the band)',
  estimate,
  ci95: [ci90[0] - 0.01, ci90[1] + 0.01],
  repeats: 5,
  connections: 10,
  encoding,
  ci90,
  verdict,
});

describe('C4a and C4b: throughput under load', () => {
  it('C4a: the change in throughput and its upper bound per compression', () => {
    expect(
      read(
        claim('C4a', 'inconclusive', [
          c4aRow('gzip', 0.87, 0.93, 'supported'),
          c4aRow('identity', 1.01, 1.06, 'inconclusive'),
        ]),
      ),
    ).toBe(
      "Inconclusive: under load on the counter, with the browser's gzip at 10 connections the action's throughput is 13% lower than the route's (action / route 0.87, one-sided 95% upper bound 0.93): not faster; " +
        "without compression at 10 connections the action's throughput is 1% higher than the route's (action / route 1.01, one-sided 95% upper bound 1.06): undecided (the bound reaches 1).",
    );
    const held = read(
      claim('C4a', 'inconclusive', [c4aRow('gzip', 0.87, 0.93, 'inconclusive', { reason: QUICK_REASON })]),
    );
    expect(held).toContain('(action / route 0.87, one-sided 95% upper bound 0.93): held back.');
    expect(held).toContain(`1 of 1 row held back by rule: ${QUICK_REASON}.`);
  });

  it('C4b: the ratio and its 90% CI against ±15%', () => {
    expect(
      read(
        claim('C4b', 'depends', [
          c4bRow('gzip', 0.97, [0.93, 1.01], 'supported'),
          c4bRow('identity', 0.6, [0.55, 0.65], 'refuted'),
        ]),
      ),
    ).toBe(
      "Under load on the counter, action / route throughput is 0.97 (90% CI 0.93 to 1.01) with the browser's gzip at 10 connections: within ±15%; 0.60 (90% CI 0.55 to 0.65) without compression at 10 connections: outside ±15%.",
    );
    expect(read(claim('C4b', 'inconclusive', [c4bRow('gzip', 0.88, [0.8, 0.96], 'inconclusive')]))).toBe(
      "Inconclusive: under load on the counter, action / route throughput is 0.88 (90% CI 0.80 to 0.96) with the browser's gzip at 10 connections: undecided (the 90% CI crosses ±15%).",
    );
  });

  it('say what they need when the load suite did not run', () => {
    expect(read(claim('C4a', 'not-measured', [], 'Needs the HTTP suite with the counter scenario.'))).toBe(
      'Not measured in this run: needs the HTTP suite with the counter scenario.',
    );
  });
});
