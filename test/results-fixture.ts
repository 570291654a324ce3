import { evaluateClaims } from '../runner/analyse/claims/claims';
import { makePlan, type ChromeMode } from '../runner/core/plan';
import type { BrowserResults, Group, Results, Sample } from '../runner/contract/results';
import { scenarioById } from '../runner/scenarios';
import { seededRandom } from '../runner/stats/random';
import { summarize } from '../runner/analyse/cells';

/**
 * Synthetic samples with known structure: every variant costs `base + roundTrips x (rtt + 5)`, plus noise, in
 * `loads` page loads of 3. Used by the summarizer, renderer and schema tests (no browser involved).
 */
export function syntheticSamples(
  rtts: number[],
  loads: number,
  seed = 1,
  chromeModes: ChromeMode[] = ['no-defer'],
): Sample[] {
  const random = seededRandom(seed);
  const plan = makePlan([scenarioById('revalidate')], rtts, chromeModes);
  const samples: Sample[] = [];
  for (const arm of plan.arms) {
    const roundTrips = scenarioById(arm.scenario).expectedRoundTrips[arm.variant]!;
    for (let round = 0; round < loads; round++) {
      const offset = random.int(1000) / 500;
      for (let index = 0; index < 3; index++) {
        const latencyMs = 10 + roundTrips * (arm.rttMs + 5) + offset + random.int(1000) / 1000;
        samples.push({
          ...arm,
          round,
          index,
          warmup: false,
          latencyMs,
          listenerLatencyMs: latencyMs - 1,
          inputDelayMs: 1,
          frameMs: latencyMs + 8,
          marksMs: {},
          roundTrips,
          requests: Array.from({ length: roundTrips }, (_, i) => ({
            method: i ? 'GET' : 'POST',
            path: '/x',
            status: 200,
            startMs: i * 30,
            endMs: i * 30 + 25,
          })),
          wireBytes: { toServer: 400 * roundTrips, toClient: 900 * roundTrips },
          newConnections: 0,
        });
      }
    }
  }
  return samples;
}

export function syntheticBrowser(rtts = [0, 60], loads = 10, chromeModes: ChromeMode[] = ['no-defer']): BrowserResults {
  const plan = makePlan([scenarioById('revalidate')], rtts, chromeModes);
  const groups: Group[] = plan.groups.map((group) => ({
    key: group.key,
    scenario: group.scenario,
    rttMs: group.rttMs,
    chrome: group.chrome,
    state: 'precision',
    loads,
    plannedLoads: loads,
    capped: false,
    stageOneHalfWidthMs: 3,
  }));
  const summary = summarize({
    plan,
    samples: syntheticSamples(rtts, loads, 1, chromeModes),
    expectedRoundTrips: (s, v) => scenarioById(s).expectedRoundTrips[v] ?? 0,
    groups,
    failedArms: new Set(),
  });
  return { rttEmulation: 'proxy', chromeModes, wallSeconds: 60, groups, rounds: [], ...summary };
}

export function syntheticResults(overrides: Partial<Results> = {}): Results {
  const browser = syntheticBrowser();
  return {
    schemaVersion: 2,
    runId: 'test-run',
    startedAt: '2026-11-23T08:00:00.000Z',
    finishedAt: '2026-11-23T08:01:00.000Z',
    complete: true,
    failures: [],
    config: { warmup: 1, perPageLoad: 3, ciTargetMs: 4, nMax: 45, budgetSeconds: 60 },
    scenarios: [
      {
        id: 'revalidate',
        summary: 'add an item to a list rendered by a Server Component',
        expectedRoundTrips: scenarioById('revalidate').expectedRoundTrips,
        bandwidth: null,
      },
    ],
    environment: {
      node: 'v20',
      next: '16.4.5',
      react: '19.3.1',
      chromium: '156',
      os: 'Linux',
      cpu: 'cpu',
      cores: 2,
      gitSha: 'abc',
      argv: [],
      seed: 3,
      variables: { CI: 'true' },
    },
    browser,
    claims: evaluateClaims({ run: { profile: 'standard', minLoads: 8 }, browser }),
    ...overrides,
  };
}
