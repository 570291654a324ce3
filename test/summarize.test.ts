import { describe, expect, it } from 'vitest';
import { makePlan } from '../runner/core/plan';
import { ResultsSchema, type Sample } from '../runner/contract/results';
import { scenarioById } from '../runner/scenarios';
import { summarize } from '../runner/analyse/cells';
import { syntheticResults } from './results-fixture';

describe('summarize', () => {
  const results = syntheticResults();
  const { cells, comparisons, aa, accuracy } = results.browser!;

  it('makes one cell per variant and RTT, twins excluded, with wire bytes and page loads', () => {
    expect(cells).toHaveLength(8);
    const cell = cells.find((c) => c.variant === 'route-refresh' && c.rttMs === 60)!;
    expect(cell).toMatchObject({
      n: 30,
      loads: 10,
      roundTrips: 2,
      expectedRoundTrips: 2,
      requestsPerInteraction: 2,
      bytesPerInteraction: 2600,
      requestBytesPerInteraction: 800,
      responseBytesPerInteraction: 1800,
      bytesSpread: 0,
      inputDelayMedianMs: 1,
    });
    expect(cell.medianMs).toBeGreaterThan(10 + 2 * 65);
    expect(cell.medianMs).toBeLessThan(10 + 2 * 65 + 3);
  });

  it('compares every route variant against the action as b, with the A/A twin apart', () => {
    expect(comparisons.map((c) => `${c.a}-${c.b}@${c.rttMs}`).sort()).toEqual([
      'route-json-action@0',
      'route-json-action@60',
      'route-query-action@0',
      'route-query-action@60',
      'route-refresh-action@0',
      'route-refresh-action@60',
    ]);
    const refresh = comparisons.find((c) => c.a === 'route-refresh' && c.rttMs === 60)!;
    // route-refresh costs one more (rtt + 5) than the action: +65 ms.
    expect(refresh.ci95[0]).toBeLessThan(65 + 1);
    expect(refresh.ci95[1]).toBeGreaterThan(65 - 1);
    expect(refresh).toMatchObject({ loads: [10, 10], n: [30, 30], sampling: 'precision' });
    expect(aa).toHaveLength(2);
    for (const row of aa) expect(row.ci95[0] <= 0 && row.ci95[1] >= 0).toBe(true);
  });

  it('checks the RTT slope against roundTrips x rtt', () => {
    const refresh = accuracy.find((a) => a.variant === 'route-refresh')!;
    expect(refresh.expectedIncreaseMs).toBe(120);
    expect(refresh.measuredIncreaseMs).toBeCloseTo(120, -1);
    expect(refresh).toMatchObject({ reference: true, chrome: 'no-defer', withinTolerance: true });
  });

  it('produces results that satisfy the exported schema', () => {
    expect(() => ResultsSchema.parse(results)).not.toThrow();
    expect(() => ResultsSchema.parse({ ...results, schemaVersion: 1 })).toThrow();
    expect(() => ResultsSchema.parse({ ...results, claims: [{ ...results.claims[0], verdict: 'maybe' }] })).toThrow();
  });
});

describe('summarize: marks', () => {
  // optimistic at RTT 0 and 50: the end rises by one RTT, the optimistic paint stays at 4 ms (route) or 6 ms (action).
  const plan = makePlan([scenarioById('optimistic')], [0, 50]);
  const samples: Sample[] = plan.arms.flatMap((arm) =>
    [0, 1, 2, 3].flatMap((round) =>
      [0, 1].map((index): Sample => {
        const jitter = ((round * 2 + index) % 3) * 0.5;
        const paintMs = (arm.variant === 'action' ? 6 : 4) + jitter;
        const latencyMs = 20 + arm.rttMs + jitter;
        return {
          ...arm,
          round,
          index,
          warmup: false,
          latencyMs,
          listenerLatencyMs: latencyMs,
          inputDelayMs: 1,
          frameMs: latencyMs + 4,
          // One action sample lost its mark (an older run): it is left out of the mark, not counted as 0.
          marksMs:
            arm.variant === 'action' && round === 3 && index === 1
              ? {}
              : { optimistic: paintMs + (arm.rttMs === 50 && arm.variant === 'route' ? 3 : 0) },
          roundTrips: 1,
          requests: [],
          wireBytes: { toServer: 0, toClient: 0 },
          newConnections: 0,
        };
      }),
    ),
  );
  const groups = plan.groups.map((group) => ({
    key: group.key,
    scenario: group.scenario,
    rttMs: group.rttMs,
    chrome: group.chrome,
    state: 'precision' as const,
    loads: 4,
    plannedLoads: 4,
    capped: false,
    stageOneHalfWidthMs: 1,
  }));
  const { cells, accuracy } = summarize({
    plan,
    samples,
    groups,
    failedArms: new Set(),
    expectedRoundTrips: () => 1,
    marksOf: () => ({ optimistic: 0 }),
  });

  it("measures the known answer from the run's lowest RTT when RTT 0 was not measured", () => {
    // The same page loads at RTT 40 and 90: the end rises by one round trip of 50 ms, and every row says its baseline.
    const shifted = makePlan([scenarioById('optimistic')], [40, 90]);
    const moved = samples.map((sample) => ({ ...sample, rttMs: sample.rttMs + 40, latencyMs: sample.latencyMs + 40 }));
    const rows = summarize({
      plan: shifted,
      samples: moved,
      groups,
      failedArms: new Set(),
      expectedRoundTrips: () => 1,
    }).accuracy.filter((row) => row.mark === undefined);
    expect(rows.map((row) => row.rttMs)).toEqual([90, 90]);
    for (const row of rows) {
      expect(row).toMatchObject({ baselineRttMs: 40, expectedIncreaseMs: 50, toleranceMs: 3 });
      expect(row.measuredIncreaseMs).toBeCloseTo(50, 6);
    }
  });

  it('summarizes each mark per cell beside the end, from the samples that have it', () => {
    const action = cells.find((cell) => cell.variant === 'action' && cell.rttMs === 50)!;
    // After the input delay (1 ms): page-load medians 5.25, 5.5, 5.75 and 5 (the last page load kept one mark).
    expect(action.marks).toEqual([
      {
        name: 'optimistic',
        n: 7,
        medianMs: 6.5,
        p90Ms: expect.any(Number),
        expectedRoundTrips: 0,
        afterInputDelayMs: { estimate: 5.375, ci95: expect.any(Array) },
      },
    ]);
    const [lo, hi] = action.marks[0]!.afterInputDelayMs!.ci95;
    // mean 5.375, sd 0.3227 over 4 page loads: ± t(3) 3.182 × 0.1614.
    expect(lo).toBeCloseTo(5.375 - 0.5135, 3);
    expect(hi).toBeCloseTo(5.375 + 0.5135, 3);
    expect(action.medianMs).toBe(70.5);
  });

  it('checks a mark against its own known answer: no rise for 0 round trips, and a 3 ms rise is past nothing but the point', () => {
    const end = accuracy.find((row) => row.variant === 'action' && row.mark === undefined)!;
    expect(end).toMatchObject({ expectedIncreaseMs: 50, withinTolerance: true });
    const actionPaint = accuracy.find((row) => row.variant === 'action' && row.mark === 'optimistic')!;
    expect(actionPaint).toMatchObject({ expectedRoundTrips: 0, expectedIncreaseMs: 0, withinTolerance: true });
    expect(Math.abs(actionPaint.measuredIncreaseMs)).toBeLessThan(0.5);
    const routePaint = accuracy.find((row) => row.variant === 'route' && row.mark === 'optimistic')!;
    expect(routePaint.measuredIncreaseMs).toBeCloseTo(3, 5);
    expect(routePaint.errorMs).toBeCloseTo(3, 5);
  });

  it('shows a variant whose rise has no known answer with its reason, checking nothing, its marks still checked', () => {
    const why = 'Chromium re-sends it';
    const { accuracy: rows } = summarize({
      plan,
      samples,
      groups,
      failedArms: new Set(),
      expectedRoundTrips: () => 1,
      marksOf: () => ({ optimistic: 0 }),
      noKnownRttRise: (_, variant) => (variant === 'route' ? why : undefined),
    });
    const routeEnd = rows.find((row) => row.variant === 'route' && row.mark === undefined)!;
    expect(routeEnd).toMatchObject({ reference: false, noKnownAnswer: why });
    expect(rows.find((row) => row.variant === 'route' && row.mark === 'optimistic')).toMatchObject({ reference: true });
    expect(rows.find((row) => row.variant === 'action' && row.mark === undefined)).toMatchObject({ reference: true });
    expect(rows.filter((row) => row.noKnownAnswer !== undefined)).toHaveLength(1);
  });

  it('gives a scenario without marks none', () => {
    const bare = summarize({ plan, samples, groups, failedArms: new Set(), expectedRoundTrips: () => 1 });
    expect(bare.cells.every((cell) => cell.marks.length === 0)).toBe(true);
    expect(bare.accuracy.every((row) => row.mark === undefined)).toBe(true);
  });
});

describe('summarize: the bandwidth known answer', () => {
  // payload at RTT 50 on a 1 Mbit/s link up (8 ms per KB) and 2 Mbit/s down: the larger case sends 100,000 more
  // bytes (800 ms) and receives 1,000 more (4 ms). The route's large case is 860 ms slower, past 5% of 804 ms (40 ms).
  const plan = makePlan([scenarioById('payload-1kb'), scenarioById('payload-100kb')], [50]);
  const samples: Sample[] = plan.arms.flatMap((arm) =>
    [0, 1, 2].flatMap((round) =>
      [0, 1].map((index): Sample => {
        const large = arm.scenario === 'payload-100kb';
        const latencyMs = 100 + (large ? (arm.variant === 'route' ? 860 : 804) : 0) + ((round + index) % 3) * 0.5;
        return {
          ...arm,
          round,
          index,
          warmup: false,
          latencyMs,
          listenerLatencyMs: latencyMs,
          inputDelayMs: 1,
          frameMs: latencyMs + 4,
          marksMs: {},
          roundTrips: 1,
          requests: [],
          wireBytes: { toServer: 2_000 + (large ? 100_000 : 0), toClient: 500 + (large ? 1_000 : 0) },
          newConnections: 0,
        };
      }),
    ),
  );
  const groups = plan.groups.map((group) => ({
    key: group.key,
    scenario: group.scenario,
    rttMs: group.rttMs,
    chrome: group.chrome,
    state: 'precision' as const,
    loads: 3,
    plannedLoads: 3,
    capped: false,
    stageOneHalfWidthMs: 1,
  }));
  const sizeChecks = [
    {
      scenario: 'payload-100kb',
      against: 'payload-1kb',
      bandwidth: { toServer: 1_000_000, toClient: 2_000_000 },
      variants: ['action', 'route'],
    },
  ];
  const { accuracy } = summarize({
    plan,
    samples,
    groups,
    failedArms: new Set(),
    expectedRoundTrips: () => 1,
    sizeChecks,
  });

  it('expects the extra bytes on the wire / the rate, each direction at its own, within 5 ms or 5%', () => {
    const rows = accuracy.filter((row) => row.against === 'payload-1kb');
    expect(rows.map((row) => row.variant)).toEqual(['action', 'route']);
    for (const row of rows)
      expect(row).toMatchObject({
        scenario: 'payload-100kb',
        rttMs: 50,
        expectedIncreaseMs: 804,
        toleranceMs: 804 * 0.05,
      });
    expect(rows[0]!.measuredIncreaseMs).toBeCloseTo(804, 5);
    expect(rows[0]!.withinTolerance).toBe(true);
    expect(rows[1]!.errorMs).toBeCloseTo(56, 5);
    expect(rows[1]!.withinTolerance).toBe(false);
  });

  it('checks only the variants named (a refused case is not a transfer) and nothing without a check', () => {
    const actionOnly = summarize({
      plan,
      samples,
      groups,
      failedArms: new Set(),
      expectedRoundTrips: () => 1,
      sizeChecks: [{ ...sizeChecks[0]!, variants: ['route'] }],
    });
    expect(actionOnly.accuracy.filter((row) => row.against).map((row) => row.variant)).toEqual(['route']);
    expect(
      summarize({ plan, samples, groups, failedArms: new Set(), expectedRoundTrips: () => 1 }).accuracy.filter(
        (row) => row.against,
      ),
    ).toEqual([]);
  });
});

describe("summarize: each cell's first byte and the server's memory", () => {
  // export at RTT 0: the route answers its first byte at 20 ms and the server's RSS rises 5 MB; the action at 600 ms and 60 MB.
  const plan = makePlan([scenarioById('export')], [0]);
  const samples: Sample[] = plan.arms.flatMap((arm) =>
    [0, 1, 2].flatMap((round) =>
      [0, 1].map((index): Sample => {
        const route = arm.variant === 'route';
        const jitter = (round + index) % 3;
        return {
          scenario: arm.scenario,
          variant: arm.variant,
          twin: arm.twin,
          rttMs: arm.rttMs,
          chrome: arm.chrome,
          build: arm.build,
          round,
          index,
          warmup: false,
          latencyMs: (route ? 500 : 1800) + jitter,
          listenerLatencyMs: 500,
          inputDelayMs: 1,
          frameMs: 510,
          marksMs: {},
          roundTrips: 1,
          // A request without a first byte on record (a run before it was kept) is left out, not counted as 0.
          requests: [
            {
              method: route ? 'GET' : 'POST',
              path: '/x',
              status: 200,
              startMs: 2,
              responseStartMs: (route ? 20 : 600) + jitter,
              endMs: 480,
            },
            { method: 'GET', path: '/y', status: 200, startMs: 1, endMs: 3 },
          ],
          wireBytes: { toServer: 600, toClient: route ? 21_956_923 : 4_230_779 },
          newConnections: 0,
          ...(index === 1 && round === 2
            ? {}
            : { serverRssMb: { startMb: 300 + round, peakMb: 300 + round + (route ? 5 : 60) + jitter } }),
        };
      }),
    ),
  );
  const groups = plan.groups.map((group) => ({
    key: group.key,
    scenario: group.scenario,
    rttMs: group.rttMs,
    chrome: group.chrome,
    state: 'precision' as const,
    loads: 3,
    plannedLoads: 3,
    capped: false,
    stageOneHalfWidthMs: 1,
  }));
  const { cells } = summarize({ plan, samples, groups, failedArms: new Set(), expectedRoundTrips: () => 1 });

  it('gives the median first byte, and the median peak and rise of the samples that read the memory', () => {
    const route = cells.find((cell) => cell.variant === 'route')!;
    const action = cells.find((cell) => cell.variant === 'action')!;
    expect(route.firstByteMedianMs).toBe(21);
    expect(action.firstByteMedianMs).toBe(601);
    expect(route.serverMemory).toMatchObject({ n: 5, riseMedianMb: 6 });
    expect(action.serverMemory).toMatchObject({ n: 5, riseMedianMb: 61, peakMedianMb: 362 });
  });

  it('leaves both out where nothing recorded them', () => {
    const bare = summarize({
      plan,
      samples: samples.map(({ serverRssMb: _, ...sample }) => ({
        ...sample,
        requests: sample.requests.map(({ responseStartMs: __, ...request }) => request),
      })),
      groups,
      failedArms: new Set(),
      expectedRoundTrips: () => 1,
    }).cells;
    for (const cell of bare) expect(cell).not.toHaveProperty('serverMemory');
    for (const cell of bare) expect(cell).not.toHaveProperty('firstByteMedianMs');
  });
});
