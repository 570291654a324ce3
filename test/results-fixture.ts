import { makePlan } from '../runner/plan';
import type { Results, Sample } from '../runner/results/schema';
import { scenarioById } from '../runner/scenarios';
import { seededRandom } from '../runner/stats/random';
import { summarize } from '../runner/stats/summarize';
import { evaluateClaims } from '../runner/claims/claims';

/**
 * Synthetic samples with known structure: every variant costs `base + roundTrips x rtt`, plus noise.
 * Used by the summarizer, renderer and schema tests (no browser involved).
 */
export function syntheticSamples(rtts: number[], n: number, seed = 1): Sample[] {
  const random = seededRandom(seed);
  const scenario = scenarioById('revalidate');
  const samples: Sample[] = [];
  for (const rttMs of rtts) {
    for (const [variant, roundTrips] of Object.entries(scenario.expectedRoundTrips)) {
      for (const twin of variant === 'action' ? [false, true] : [false]) {
        for (let index = 0; index < n; index++) {
          const latencyMs = 10 + roundTrips * (rttMs + 5) + random.int(1000) / 500;
          samples.push({
            scenario: 'revalidate', variant, twin, rttMs, round: index, index, warmup: false, latencyMs, frameMs: latencyMs + 8, roundTrips,
            requests: Array.from({ length: roundTrips }, (_, i) => ({ method: i ? 'GET' : 'POST', path: '/x', status: 200, requestBytes: 100, responseBytes: 300, startMs: i * 30, endMs: i * 30 + 25 })),
          });
        }
      }
    }
  }
  return samples;
}

export function syntheticResults(overrides: Partial<Results> = {}): Results {
  const plan = makePlan([scenarioById('revalidate')], [0, 60]);
  const summary = summarize({
    plan,
    samples: syntheticSamples([0, 60], 12),
    expectedRoundTrips: (s, v) => scenarioById(s).expectedRoundTrips[v] ?? 0,
    sampling: new Map(plan.comparisons.map((c) => [c, 'ci-target'])),
    resamples: 2000,
    seed: 3,
  });
  return {
    schemaVersion: 1,
    runId: 'test-run',
    startedAt: '2026-11-23T08:00:00.000Z',
    finishedAt: '2026-11-23T08:01:00.000Z',
    complete: true,
    failures: [],
    config: { warmup: 1, perPageLoad: 5, ciTargetMs: 4, nMax: 20, budgetSeconds: 60, resamples: 2000, chromeDeferAfterInput: false },
    scenarios: [{ id: 'revalidate', summary: 'add an item to a list rendered by a Server Component', expectedRoundTrips: scenarioById('revalidate').expectedRoundTrips }],
    environment: { node: 'v20', next: '16.4.6', react: '19.3.1', chromium: '156', os: 'Linux', cpu: 'cpu', cores: 2, gitSha: 'abc', argv: [], seed: 3 },
    browser: { rttEmulation: 'proxy', wallSeconds: 60, ...summary },
    claims: evaluateClaims({ browser: { rttEmulation: 'proxy', wallSeconds: 60, ...summary } }),
    ...overrides,
  };
}
