import { pageLoadClusters } from '../stats/clusters';
import { armKey, type Arm, type Plan } from '../core/plan';
import type { AaResult, Accuracy, Bandwidth, Cell, Comparison, Group, Sample, Uncommitted } from '../contract/results';
import { median, quantile } from '../stats/quantile';
import { detectableDifference, pageLoadDifference, pageLoadMean } from '../stats/interval';

/** DESIGN's accuracy tolerance: the known-answer rise may be off by max(3 ms, 5% of the expected rise). */
export const ACCURACY_TOLERANCE_MS = 3;
export const ACCURACY_TOLERANCE_SHARE = 0.05;
export const accuracyTolerance = (expectedIncreaseMs: number): number =>
  Math.max(ACCURACY_TOLERANCE_MS, ACCURACY_TOLERANCE_SHARE * Math.abs(expectedIncreaseMs));

/**
 * The bandwidth known answer: on a link of `bandwidth`, a case that moves more bytes than `against` (a bigger
 * payload) takes longer by those bytes / the rate, at the same RTT, in each of `variants`.
 */
export interface SizeCheck {
  scenario: string;
  against: string;
  bandwidth: { toServer: number; toClient: number };
  variants: readonly string[];
}

export interface SummaryInput {
  plan: Plan;
  /** Measured (non-warm-up) samples. */
  samples: readonly Sample[];
  expectedRoundTrips: (scenario: string, variant: string) => number;
  /** Why a variant's rise with the RTT has no known answer (Scenario.noKnownRttRise); undefined: it has one. */
  noKnownRttRise?: (scenario: string, variant: string) => string | undefined;
  /** A scenario's marks, each with the round trips before it (the known answer of its RTT rise; the optimistic paint: 0). */
  marksOf?: (scenario: string) => Readonly<Record<string, number>>;
  sizeChecks?: readonly SizeCheck[];
  /** How each group stopped (the sampler's record). */
  groups: readonly Group[];
  /** Arms whose page failed: their comparisons are `failed`. */
  failedArms: ReadonlySet<string>;
  /** Interactions that never committed (measured ones only): each cell counts its own. */
  uncommitted?: readonly Uncommitted[];
  /** The link a scenario's arms were measured over (null: no rate limit): the time its bytes take counts as on time. */
  linkOf?: (scenario: string) => Bandwidth | null;
}

/**
 * An interaction is late when it commits this long after what its design's round trips (and its bytes on a limited
 * link) take: a render left waiting for seconds (vercel/next.js#97742) is counted, not just folded into a p90.
 */
export const LATE_MARGIN_MS = 1000;

/** When an interaction of a cell counts as late: its round trips at the cell's RTT, its bytes at the link's rate, plus the margin. */
export function lateAfterMs(
  rttMs: number,
  roundTrips: number,
  bytes: { toServer: number; toClient: number },
  link: Bandwidth | null,
): number {
  const transferMs = link ? ((bytes.toServer * 8) / link.toServer + (bytes.toClient * 8) / link.toClient) * 1000 : 0;
  return roundTrips * rttMs + transferMs + LATE_MARGIN_MS;
}

/** How many samples had each value, keyed by the value. */
const countBy = (values: readonly number[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

/** Samples by arm (armKey). */
function groupSamples(samples: readonly Sample[]): Map<string, Sample[]> {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const key = armKey(sample);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(sample);
  }
  return groups;
}

/** A per-interaction metric as clusters, one per page load; samples that did not record it are left out. */
function metricClusters(samples: readonly Sample[], pick: (sample: Sample) => number | undefined): number[][] {
  return pageLoadClusters(
    samples.flatMap((sample) => {
      const value = pick(sample);
      return value === undefined ? [] : [{ round: sample.round, latencyMs: value }];
    }),
  );
}

/** The interaction's first response byte (its earliest), where a request recorded one. */
const firstByteOf = (sample: Sample): number | undefined => {
  const starts = sample.requests.flatMap((request) =>
    request.responseStartMs === undefined ? [] : [request.responseStartMs],
  );
  return starts.length ? Math.min(...starts) : undefined;
};

const rssRiseOf = (sample: Sample): number | undefined =>
  sample.serverRssMb ? sample.serverRssMb.peakMb - sample.serverRssMb.startMb : undefined;

/** The time to one of the interaction's marks instead of its end, for the functions that read latencyMs. */
const atMark = (samples: readonly Sample[], mark: string): Pick<Sample, 'round' | 'latencyMs'>[] =>
  samples
    .filter((sample) => sample.marksMs[mark] !== undefined)
    .map((sample) => ({ round: sample.round, latencyMs: sample.marksMs[mark]! }));

function cellOf(
  arm: Arm,
  samples: readonly Sample[],
  expectedRoundTrips: number,
  marks: Readonly<Record<string, number>>,
  uncommitted: number,
  link: Bandwidth | null,
): Cell {
  const samplesMs = samples.map((sample) => sample.latencyMs);
  const requestBytes = samples.map((sample) => sample.wireBytes.toServer);
  const responseBytes = samples.map((sample) => sample.wireBytes.toClient);
  const totalBytes = samples.map((sample) => sample.wireBytes.toServer + sample.wireBytes.toClient);
  const bytesPerInteraction = median(totalBytes);
  // A stable sort: a recompute picks the same interaction.
  const firstBytes = samples.flatMap((sample) => firstByteOf(sample) ?? []);
  const memory = samples.flatMap((sample) => (sample.serverRssMb ? [sample.serverRssMb] : []));
  const rises = samples.flatMap((sample) => rssRiseOf(sample) ?? []);
  const middle = [...samples].sort((x, y) => x.latencyMs - y.latencyMs)[Math.floor((samples.length - 1) / 2)]!;
  const late = lateAfterMs(
    arm.rttMs,
    expectedRoundTrips,
    { toServer: median(requestBytes), toClient: median(responseBytes) },
    link,
  );
  return {
    scenario: arm.scenario,
    variant: arm.variant,
    rttMs: arm.rttMs,
    chrome: arm.chrome,
    n: samples.length,
    loads: new Set(samples.map((sample) => sample.round)).size,
    medianMs: median(samplesMs),
    p90Ms: quantile(samplesMs, 0.9),
    samplesMs,
    requestsPerInteraction: median(samples.map((sample) => sample.requests.length)),
    roundTrips: median(samples.map((sample) => sample.roundTrips)),
    roundTripCounts: countBy(samples.map((sample) => sample.roundTrips)),
    expectedRoundTrips,
    frameMedianMs: median(samples.map((sample) => sample.frameMs)),
    inputDelayMedianMs: median(samples.map((sample) => sample.inputDelayMs)),
    listenerMedianMs: median(samples.map((sample) => sample.listenerLatencyMs)),
    bytesPerInteraction,
    requestBytesPerInteraction: median(requestBytes),
    responseBytesPerInteraction: median(responseBytes),
    bytesSpread:
      bytesPerInteraction > 0 ? Math.max(...totalBytes.map((bytes) => Math.abs(bytes / bytesPerInteraction - 1))) : 0,
    samplesWithNewConnection: samples.filter((sample) => sample.newConnections > 0).length,
    requestsAfterEndPerInteraction: median(
      samples.map((sample) => sample.requests.filter((request) => request.startMs > sample.latencyMs).length),
    ),
    outcomes: {
      lateAfterMs: late,
      late: samplesMs.filter((latencyMs) => latencyMs > late).length,
      never: uncommitted,
    },
    medianInteraction: {
      latencyMs: middle.latencyMs,
      inputDelayMs: middle.inputDelayMs,
      ...(Object.keys(middle.marksMs).length ? { marksMs: middle.marksMs } : {}),
      requests: middle.requests,
    },
    marks: Object.entries(marks).flatMap(([name, roundTrips]) => {
      const times = atMark(samples, name).map((sample) => sample.latencyMs);
      const afterInputDelay = metricClusters(samples, (sample) =>
        sample.marksMs[name] === undefined ? undefined : sample.marksMs[name] - sample.inputDelayMs,
      );
      const interval = afterInputDelay.length >= 2 ? pageLoadMean(afterInputDelay) : null;
      const mark = {
        name,
        n: times.length,
        medianMs: median(times),
        p90Ms: quantile(times, 0.9),
        expectedRoundTrips: roundTrips,
      };
      return times.length
        ? [interval ? { ...mark, afterInputDelayMs: { estimate: interval.estimate, ci95: interval.ci95 } } : mark]
        : [];
    }),
    ...(firstBytes.length ? { firstByteMedianMs: median(firstBytes) } : {}),
    ...(memory.length
      ? {
          serverMemory: {
            n: memory.length,
            peakMedianMb: median(memory.map((m) => m.peakMb)),
            riseMedianMb: median(rises),
            riseP90Mb: quantile(rises, 0.9),
          },
        }
      : {}),
  };
}

/** Samples -> cells, comparisons, A/A rows and the RTT accuracy check. Pure and deterministic. */
export function summarize(input: SummaryInput): {
  cells: Cell[];
  comparisons: Comparison[];
  aa: AaResult[];
  accuracy: Accuracy[];
} {
  const byArm = groupSamples(input.samples);
  const samplesOf = (arm: Arm) => byArm.get(armKey(arm)) ?? [];
  const marksOf = (scenario: string) => input.marksOf?.(scenario) ?? {};
  const stateOf = (groupKey: string, a: Arm, b: Arm) =>
    input.failedArms.has(armKey(a)) || input.failedArms.has(armKey(b))
      ? 'failed'
      : (input.groups.find((group) => group.key === groupKey)?.state ?? 'open');

  const cells: Cell[] = input.plan.arms
    .filter((arm) => !arm.twin && samplesOf(arm).length > 0)
    .map((arm) =>
      cellOf(
        arm,
        samplesOf(arm),
        input.expectedRoundTrips(arm.scenario, arm.variant),
        marksOf(arm.scenario),
        (input.uncommitted ?? []).filter((interaction) => armKey(interaction) === armKey(arm)).length,
        input.linkOf?.(arm.scenario) ?? null,
      ),
    );

  /** a minus b in a per-interaction metric, by the page-load interval, where both arms recorded it on 2 page loads. */
  const metricDifference = (
    a: readonly Sample[],
    b: readonly Sample[],
    pick: (sample: Sample) => number | undefined,
  ) => {
    const [clustersA, clustersB] = [metricClusters(a, pick), metricClusters(b, pick)];
    if (clustersA.length < 2 || clustersB.length < 2) return undefined;
    const { estimate, ci95 } = pageLoadDifference(clustersA, clustersB);
    return { estimate, ci95 };
  };
  const comparisons: Comparison[] = [];
  const aa: AaResult[] = [];
  for (const group of input.plan.groups) {
    for (const planned of group.comparisons) {
      const a = samplesOf(planned.a);
      const b = samplesOf(planned.b);
      const clustersA = pageLoadClusters(a);
      const clustersB = pageLoadClusters(b);
      if (clustersA.length < 2 || clustersB.length < 2) continue;
      const { estimate, ci95, degreesOfFreedom, standardError } = pageLoadDifference(clustersA, clustersB);
      const common = {
        scenario: planned.scenario,
        rttMs: planned.rttMs,
        chrome: planned.chrome,
        diffMedianMs: estimate,
        ci95,
        df: degreesOfFreedom,
        detectableMs: detectableDifference(standardError, degreesOfFreedom),
        n: [a.length, b.length] as [number, number],
        loads: [clustersA.length, clustersB.length] as [number, number],
        sampling: stateOf(group.key, planned.a, planned.b),
      };
      if (planned.aa) {
        aa.push({ ...common, variant: planned.b.variant });
        continue;
      }
      const firstByte = metricDifference(a, b, firstByteOf);
      const rssRise = metricDifference(a, b, rssRiseOf);
      comparisons.push({
        ...common,
        a: planned.a.variant,
        b: planned.b.variant,
        ...(firstByte ? { firstByteDiffMs: firstByte } : {}),
        ...(rssRise ? { serverRssRiseDiffMb: rssRise } : {}),
      });
    }
  }

  const accuracy: Accuracy[] = [];
  // The known answer's baseline is the run's lowest RTT: latency(rtt) - latency(lowest) = round trips x the RTT
  // between them (RTT 0 when measured). A grid without 0 is checked too; its rows used to pass unchecked.
  const baselineRttMs = Math.min(...input.plan.arms.map((arm) => arm.rttMs));
  for (const cell of cells) {
    if (cell.rttMs === baselineRttMs) continue;
    // The cell's arm as planned (in a version matrix each build is summarized with a plan of its own).
    const arm = input.plan.arms.find(
      (planned) =>
        !planned.twin &&
        planned.scenario === cell.scenario &&
        planned.variant === cell.variant &&
        planned.chrome === cell.chrome &&
        planned.rttMs === cell.rttMs,
    )!;
    // The interaction's end, then each mark (the optimistic paint must not rise at all: 0 round trips before it).
    const checks = [
      {
        mark: undefined,
        expectedRoundTrips: cell.expectedRoundTrips,
        timesOf: (samples: readonly Sample[]) => samples,
      },
      ...Object.entries(marksOf(cell.scenario)).map(([mark, expectedRoundTrips]) => ({
        mark,
        expectedRoundTrips,
        timesOf: (samples: readonly Sample[]) => atMark(samples, mark),
      })),
    ];
    for (const check of checks) {
      const atRtt = pageLoadClusters(check.timesOf(samplesOf(arm)));
      const atBaseline = pageLoadClusters(check.timesOf(samplesOf({ ...arm, rttMs: baselineRttMs })));
      if (atRtt.length < 2 || atBaseline.length < 2) continue;
      const { estimate, ci95 } = pageLoadDifference(atRtt, atBaseline);
      const expectedIncreaseMs = check.expectedRoundTrips * (cell.rttMs - baselineRttMs);
      const toleranceMs = accuracyTolerance(expectedIncreaseMs);
      const errorMs = estimate - expectedIncreaseMs;
      const noKnownAnswer = check.mark === undefined ? input.noKnownRttRise?.(cell.scenario, cell.variant) : undefined;
      accuracy.push({
        scenario: cell.scenario,
        variant: cell.variant,
        ...(check.mark === undefined ? {} : { mark: check.mark }),
        rttMs: cell.rttMs,
        ...(baselineRttMs === 0 ? {} : { baselineRttMs }),
        chrome: cell.chrome,
        reference: cell.chrome === 'no-defer' && noKnownAnswer === undefined,
        ...(noKnownAnswer === undefined ? {} : { noKnownAnswer }),
        expectedRoundTrips: check.expectedRoundTrips,
        measuredRoundTrips: check.mark === undefined ? cell.roundTrips : check.expectedRoundTrips,
        expectedIncreaseMs,
        measuredIncreaseMs: estimate,
        ci95,
        errorMs,
        toleranceMs,
        withinTolerance: Math.abs(errorMs) <= toleranceMs,
      });
    }
  }
  for (const check of input.sizeChecks ?? []) {
    for (const cell of cells.filter(
      (candidate) => candidate.scenario === check.scenario && check.variants.includes(candidate.variant),
    )) {
      const reference = cells.find(
        (candidate) =>
          candidate.scenario === check.against &&
          candidate.variant === cell.variant &&
          candidate.rttMs === cell.rttMs &&
          candidate.chrome === cell.chrome,
      );
      if (!reference) continue;
      const armOf = (of: Cell) =>
        input.plan.arms.find(
          (planned) =>
            !planned.twin &&
            planned.scenario === of.scenario &&
            planned.variant === of.variant &&
            planned.chrome === of.chrome &&
            planned.rttMs === of.rttMs,
        )!;
      const larger = pageLoadClusters(samplesOf(armOf(cell)));
      const smaller = pageLoadClusters(samplesOf(armOf(reference)));
      if (larger.length < 2 || smaller.length < 2) continue;
      const { estimate, ci95 } = pageLoadDifference(larger, smaller);
      const transferMs = (bytes: number, bitsPerSecond: number) => (bytes * 8 * 1000) / bitsPerSecond;
      const expectedIncreaseMs =
        transferMs(cell.requestBytesPerInteraction - reference.requestBytesPerInteraction, check.bandwidth.toServer) +
        transferMs(cell.responseBytesPerInteraction - reference.responseBytesPerInteraction, check.bandwidth.toClient);
      const toleranceMs = accuracyTolerance(expectedIncreaseMs);
      const errorMs = estimate - expectedIncreaseMs;
      accuracy.push({
        scenario: cell.scenario,
        variant: cell.variant,
        against: check.against,
        rttMs: cell.rttMs,
        chrome: cell.chrome,
        reference: cell.chrome === 'no-defer',
        expectedRoundTrips: 0,
        measuredRoundTrips: 0,
        expectedIncreaseMs,
        measuredIncreaseMs: estimate,
        ci95,
        errorMs,
        toleranceMs,
        withinTolerance: Math.abs(errorMs) <= toleranceMs,
      });
    }
  }
  return { cells, comparisons, aa, accuracy };
}
