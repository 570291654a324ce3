import { summarizeHttp } from '../http/summarize-http';
import type { RepeatRecord } from '../http/suite';
import { makePlan } from '../plan';
import { scenarioById } from '../scenarios';
import { summarize } from '../stats/summarize';
import type { BrowserResults, HttpResults, Sample } from './schema';

/**
 * A run's browser section from what was measured: the samples summarized by the plan they were taken under.
 * The run itself and `npm run report -- --recompute` both build it here, so a recompute of unchanged code gives
 * back the same numbers.
 */
export function browserResultsOf(input: {
  scenarios: readonly string[];
  rttMs: readonly number[];
  measured: Pick<BrowserResults, 'rttEmulation' | 'chromeModes' | 'wallSeconds' | 'groups' | 'rounds'>;
  /** Measured samples only (warm-ups are kept in samples.jsonl, never summarized). */
  samples: readonly Sample[];
  failedArms: ReadonlySet<string>;
  stageOneLoads: number;
}): BrowserResults {
  const { measured } = input;
  return {
    ...measured,
    failedArms: [...input.failedArms],
    ...summarize({
      plan: makePlan(input.scenarios.map(scenarioById), input.rttMs, measured.chromeModes),
      // A duet's baseline arms are compared build to build (runner/compare), never summarized as this checkout's cells.
      samples: input.samples.filter((sample) => sample.build === 'current'),
      expectedRoundTrips: (scenario, variant) => scenarioById(scenario).expectedRoundTrips[variant] ?? 0,
      groups: measured.groups,
      failedArms: input.failedArms,
      stageOneLoads: input.stageOneLoads,
    }),
  };
}

/** A run's HTTP section from its load repeats (http-repeats.jsonl), for the run and for a recompute alike. */
export function httpResultsOf(conditions: Pick<HttpResults, 'mode' | 'server' | 'encodings' | 'repeats'>, records: readonly RepeatRecord[]): HttpResults {
  return { ...conditions, ...summarizeHttp(records, (scenario) => scenarioById(scenario).reference) };
}
