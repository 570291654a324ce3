import { armKey, makePlan } from '../core/plan';
import type { MeasureFailure, RunRecord } from '../contract/records';
import type { Results } from '../contract/results';
import { SCENARIO_IDS, scenarioById } from '../scenarios';
import { CAPTURE_WORDS, LOAD_WORDS, STOPPED_WORDS } from './analyse';

/**
 * The run.json of a run folder written before run.json existed, from its results.json: what it kept as measured
 * (config, environment, sampling decisions, probes, micro-benchmarks, failures, duet and matrix metadata). Its
 * failures are told apart by the words results.json wrote them with; failed load cells are left out, because the
 * analysis reads them from the load windows again.
 */
export function runRecordOf(old: Results): RunRecord {
  const failures = old.failures.flatMap((failure): MeasureFailure[] => {
    if (failure.scenario === '*') return [{ stage: 'stopped', message: withoutPrefix(failure.message, STOPPED_WORDS) }];
    if (failure.message.startsWith(LOAD_WORDS)) return [];
    if (failure.message.startsWith(CAPTURE_WORDS))
      return [
        {
          stage: 'capture',
          scenario: failure.scenario,
          variant: failure.variant,
          message: withoutPrefix(failure.message, CAPTURE_WORDS),
        },
      ];
    return [{ stage: 'browser', ...failure }];
  });
  const scenarios = Array.isArray(old.config.scenarios) ? (old.config.scenarios as string[]) : [];
  const rttMs = Array.isArray(old.config.rttMs) ? (old.config.rttMs as number[]) : [];
  const { browser, matrix, against } = old;
  return {
    runRecordVersion: 1,
    runId: old.runId,
    startedAt: old.startedAt,
    finishedAt: old.finishedAt,
    config: old.config,
    environment: old.environment,
    machine: old.machine && { atStart: old.machine.atStart, overall: old.machine.overall },
    browser: browser && {
      rttEmulation: browser.rttEmulation,
      chromeModes: browser.chromeModes,
      wallSeconds: browser.wallSeconds,
      groups: browser.groups,
      rounds: browser.rounds,
      failedArms: browser.failedArms ?? failedArmsOf(failures, scenarios, rttMs, browser.chromeModes),
    },
    http: matrix ? undefined : old.http,
    micro: old.micro,
    probes: old.probes,
    matrix: matrix && {
      versions: matrix.versions.map(({ browser: _browser, http, claims: _claims, ...version }) => ({ version, http })),
      band: matrix.band,
    },
    against: against && {
      ref: against.ref,
      commit: against.commit,
      lockfileDiffers: against.lockfileDiffers,
      band: against.band,
    },
    failures,
  };
}

const withoutPrefix = (message: string, prefix: string) =>
  message.startsWith(prefix) ? message.slice(prefix.length) : message;

/**
 * Arms whose page failed, for runs before `failedArms` was recorded: every arm at a failed browser cell (scenario,
 * variant, RTT) counts as failed, in every Chrome mode and as its A/A twin, so its comparisons stay failed rather
 * than become verdicts.
 */
function failedArmsOf(
  failures: readonly MeasureFailure[],
  scenarios: readonly string[],
  rttMs: readonly number[],
  chromeModes: NonNullable<Results['browser']>['chromeModes'],
): string[] {
  const browserFailures = failures.flatMap((failure) => (failure.stage === 'browser' ? [failure] : []));
  // A scenario this version does not know is refused by analyse(), with words that say so.
  const known = scenarios.filter((id) => SCENARIO_IDS.includes(id));
  const plan = makePlan(known.map(scenarioById), rttMs, chromeModes);
  return plan.arms
    .filter((arm) =>
      browserFailures.some((f) => f.scenario === arm.scenario && f.variant === arm.variant && f.rttMs === arm.rttMs),
    )
    .map(armKey);
}
