import { BASELINE_BUILD, CURRENT_BUILD, type BuildLabel } from '../../core/plan';
import type {
  MetricComparison,
  NoiseBand,
  RequestRecord,
  Results,
  Sample,
  VersionSection,
} from '../../contract/results';
import { median } from '../../stats/quantile';
import {
  benjaminiHochbergAdjusted,
  mean,
  sampleVariance,
  tCritical,
  tUpperTail,
  welchDifference,
} from '../../stats/interval';
import { pageLoadClusters } from '../../stats/clusters';
import { geometricMean } from '../../stats/steady-state';
import { driftFor, driftSentence, type DriftModel } from './drift';
import type { MetricSeries } from './metric';

export type { MetricComparison, NoiseBand };

/** A latency change is noise unless it exceeds both of these (the band is the larger); throughput has the percentage only. */
export const DEFAULT_BAND: NoiseBand = { pct: 5, ms: 2 };

/** `POST /api/counter`: a request as metric keys name it (the query, which carries the page's scope, left out). */
const requestKey = (request: Pick<RequestRecord, 'method' | 'path'>) =>
  `${request.method} ${request.path.split('?')[0]}`;

/**
 * Time to first byte of an interaction's requests named `name`: each from its start to its response's first byte,
 * summed (DevTools' "waiting for server response", plus the link's RTT). A server-side change shows there nearly in
 * full, where end to end the browser's own work can hide part of it (docs/regression-tracking.md), and it names the
 * request that got slower.
 */
export function timeToFirstByteMs(sample: Pick<Sample, 'requests' | 'latencyMs'>, name: string): number {
  return answered(sample)
    .filter((request) => requestKey(request) === name)
    .reduce((sum, request) => sum + request.responseStartMs - request.startMs, 0);
}

/**
 * The requests of the interaction's path (started before its end) whose first byte was recorded (samples from before
 * it was kept have none). Prefetches the page sends after the end are counted in the cell, not compared here.
 */
const answered = (sample: Pick<Sample, 'requests' | 'latencyMs'>) =>
  sample.requests.filter(
    (request): request is RequestRecord & { responseStartMs: number } =>
      request.responseStartMs !== undefined && request.startMs <= sample.latencyMs,
  );

/**
 * Per browser cell of one build, over its page loads (each page load's median): the interaction latency, and each of
 * its requests' time to first byte. The A/A twins are left out.
 */
export function browserMetrics(samples: readonly Sample[], build: BuildLabel = CURRENT_BUILD): MetricSeries[] {
  const byCell = new Map<string, Sample[]>();
  for (const sample of samples.filter((s) => !s.warmup && !s.twin && s.build === build)) {
    const key = `browser ${sample.scenario}/${sample.variant} at RTT ${sample.rttMs} ms${sample.chrome === 'shipped' ? ' (shipped Chrome)' : ''}`;
    byCell.set(key, [...(byCell.get(key) ?? []), sample]);
  }
  const series = (key: string, cell: readonly Sample[], valueOf: (sample: Sample) => number): MetricSeries => ({
    key,
    kind: 'latency',
    unit: 'ms',
    // pageLoadClusters keeps the rounds' first-seen order, as the rounds listed beside them.
    rounds: [...new Set(cell.map((sample) => sample.round))],
    values: pageLoadClusters(cell.map((sample) => ({ round: sample.round, latencyMs: valueOf(sample) }))).map((load) =>
      median(load),
    ),
  });
  return [...byCell].flatMap(([key, cell]) => [
    series(key, cell, (sample) => sample.latencyMs),
    ...[...new Set(cell.flatMap((sample) => answered(sample).map(requestKey)))].map((name) =>
      series(
        `${key}: ${name} time to first byte`,
        cell.filter((sample) => answered(sample).some((request) => requestKey(request) === name)),
        (sample) => timeToFirstByteMs(sample, name),
      ),
    ),
  ]);
}

/** Every metric two runs can share: browser latency per cell, and per load cell its interaction p50 and throughput. Controls (A/A twins, the floor) are left out. */
export function runMetrics(results: Results, samples: readonly Sample[]): MetricSeries[] {
  return [...browserMetrics(samples), ...httpMetrics(results.http)];
}

/**
 * Per load cell (controls left out), its interaction p50 and throughput per block: the geometric mean of its
 * windows there (runs before blocks: one repeat per pass). The block is the round a version matrix pairs its
 * versions by: they ran in the same blocks.
 */
export function httpMetrics(http: Results['http']): MetricSeries[] {
  const metrics: MetricSeries[] = [];
  for (const cell of (http?.cells ?? []).filter((c) => !c.twin && c.variant !== 'floor')) {
    const name = `http ${cell.scenario}/${cell.variant} ${cell.connections} connections ${cell.encoding}`;
    const blockOf = cell.perRepeat.map((window, index) => window.block ?? index);
    const rounds = [...new Set(blockOf)];
    const perBlock = (pick: (window: (typeof cell.perRepeat)[number]) => number) =>
      rounds.map((block) => geometricMean(cell.perRepeat.filter((_, index) => blockOf[index] === block).map(pick)));
    metrics.push({
      key: `${name} p50`,
      kind: 'latency',
      unit: 'ms',
      rounds,
      values: perBlock((window) => window.interactionLatencyMs.p50),
    });
    metrics.push({
      key: `${name} throughput`,
      kind: 'throughput',
      unit: 'interactions/s',
      rounds,
      values: perBlock((window) => window.interactionsPerSec),
    });
  }
  return metrics;
}

type CompareVerdict = MetricComparison['verdict'];

/** The rate of false regressions over all metrics compared at once (one-sided, so a lone metric matches its 95% CI lying beyond the band). */
export const REGRESSION_ALPHA = 0.025;

/**
 * log(candidate) - log(baseline) with its standard error and degrees of freedom. Paired (builds measured in the
 * same rounds, where both metrics know their rounds): the mean of the per-round differences, so whatever drifted
 * during the run (a server warming up, a busy neighbour) cancels. Otherwise (two runs): Welch's t on the logs,
 * plus the between-run variance of a learned drift model (each run's own run effect: twice it), on the fewer
 * degrees of freedom of the two.
 */
function logDifference(
  a: MetricSeries,
  b: MetricSeries,
  paired: boolean,
  drift: DriftModel | null,
): { estimate: number; standardError: number; degreesOfFreedom: number; n: [number, number] } | null {
  if (paired && a.rounds && b.rounds) {
    const roundsA = a.rounds;
    const differences = b.rounds.flatMap((round, index) => {
      const at = roundsA.indexOf(round);
      return at >= 0 && a.values[at]! > 0 && b.values[index]! > 0
        ? [Math.log(b.values[index]!) - Math.log(a.values[at]!)]
        : [];
    });
    if (differences.length < 2) return null;
    return {
      estimate: mean(differences),
      standardError: Math.sqrt(sampleVariance(differences) / differences.length),
      degreesOfFreedom: differences.length - 1,
      n: [differences.length, differences.length],
    };
  }
  const logA = a.values.filter((v) => v > 0).map(Math.log);
  const logB = b.values.filter((v) => v > 0).map(Math.log);
  if (logA.length < 2 || logB.length < 2) return null;
  const welch = welchDifference(logB, logA);
  const term = driftFor(drift, a);
  if (!term) return { ...welch, n: [logA.length, logB.length] };
  return {
    estimate: welch.estimate,
    standardError: Math.sqrt(welch.standardError ** 2 + 2 * term.variance),
    degreesOfFreedom: Math.min(welch.degreesOfFreedom, term.degreesOfFreedom),
    n: [logA.length, logB.length],
  };
}

/**
 * Candidate against baseline, metric by metric, on the log scale (a ratio, as latency and throughput change by
 * factors): Welch's t on the replicates' logs, or paired by round in a duet. A metric regressed when its change is worse than the noise band
 * beyond doubt: the one-sided p of "no worse than the band", Benjamini-Hochberg-adjusted over every metric compared, below
 * REGRESSION_ALPHA. The band is max(pct, ms relative to the baseline) for latency, pct for throughput. An
 * improvement is a 95% CI wholly better than the band (informational, not adjusted).
 */
export function compareRuns(
  baseline: readonly MetricSeries[],
  candidate: readonly MetricSeries[],
  band: NoiseBand = DEFAULT_BAND,
  paired = false,
  drift: DriftModel | null = null,
): MetricComparison[] {
  const rows = baseline.flatMap((a): Omit<MetricComparison, 'q'>[] => {
    const b = candidate.find((metric) => metric.key === a.key);
    if (!b) return [];
    const baselineMean = geometricMean(a.values.filter((v) => v > 0));
    const candidateMean = geometricMean(b.values.filter((v) => v > 0));
    // Worse is up for latency, down for throughput; the band on the log scale, in the worse direction.
    const worse = a.kind === 'latency' ? 1 : -1;
    const bandLog =
      a.kind === 'latency'
        ? Math.max(Math.log(1 + band.pct / 100), Math.log(1 + band.ms / baselineMean))
        : -Math.log(1 - band.pct / 100);
    const common = {
      key: a.key,
      unit: a.unit,
      baseline: baselineMean,
      candidate: candidateMean,
      bandRatio: Math.exp(worse * bandLog),
    };
    const difference = logDifference(a, b, paired, drift);
    if (!difference)
      return [
        {
          ...common,
          ratio: candidateMean / baselineMean,
          ratioCi95: null,
          p: 1,
          n: [a.values.length, b.values.length],
          verdict: 'too few values',
        },
      ];
    const { estimate, standardError, degreesOfFreedom, n } = difference;
    const halfWidth = tCritical(degreesOfFreedom) * standardError;
    const worseBy = worse * estimate;
    const p =
      standardError > 0 ? tUpperTail((worseBy - bandLog) / standardError, degreesOfFreedom) : worseBy > bandLog ? 0 : 1;
    const improved = worse * (estimate + worse * halfWidth) < -bandLog;
    return [
      {
        ...common,
        ratio: Math.exp(estimate),
        ratioCi95: [Math.exp(estimate - halfWidth), Math.exp(estimate + halfWidth)],
        p,
        n,
        verdict: improved ? 'improvement' : 'no change',
      },
    ];
  });
  const adjusted = benjaminiHochbergAdjusted(rows.map((row) => row.p));
  return rows.map((row, index): MetricComparison => ({
    ...row,
    q: adjusted[index]!,
    verdict: row.verdict !== 'too few values' && adjusted[index]! < REGRESSION_ALPHA ? 'regression' : row.verdict,
  }));
}

const pctChange = (ratio: number) => `${ratio >= 1 ? '+' : '−'}${Math.abs((ratio - 1) * 100).toFixed(1)}%`;
const number = (value: number, unit: string) => (unit === 'ms' ? `${value.toFixed(1)} ms` : `${value.toFixed(0)}/s`);

/**
 * How far a duet's and a matrix's comparisons can be trusted, as measured (docs/regression-tracking.md): both
 * builds sampled in the same rounds. A stored baseline's note is its drift model's (runner/analyse/compare/drift.ts).
 */
export const COMPARISON_CALIBRATION = {
  duet: 'Measured false-alarm rate (same-code duets, 2026-12-02): 0 of 3 with --profile ci, 0 of 3 with 45 page loads per arm (--n-min 225 --n-max 225); 5 ms more server work: --profile ci exited 1 in 3 of 3 but found 4-5 of 6 cells, 45 page loads found every cell’s mutation in 2 of 2.',
  versions:
    'Browser cells are paired by round like a duet’s, so the duet’s measured false-alarm rate applies to them; load cells ran in the same interleaved passes and are paired by pass.',
} as const;

/** The columns of a comparison table, shared by the Markdown summary and the HTML report. */
export const COMPARISON_COLUMNS = [
  'Metric',
  'Baseline',
  'Candidate',
  'Change (95% CI)',
  'Noise band',
  'q (BH)',
  'Verdict',
];

/** One comparison row in words, in COMPARISON_COLUMNS order. */
export function comparisonCells(row: MetricComparison): string[] {
  return [
    row.key,
    number(row.baseline, row.unit),
    number(row.candidate, row.unit),
    row.ratioCi95 === null
      ? pctChange(row.ratio)
      : `${pctChange(row.ratio)} (${pctChange(row.ratioCi95[0])} to ${pctChange(row.ratioCi95[1])})`,
    pctChange(row.bandRatio),
    row.q < 0.001 ? '< 0.001' : row.q.toFixed(3),
    row.verdict,
  ];
}

/** Regressions first, then improvements, then the rest, each by metric. */
export function orderedComparison(rows: readonly MetricComparison[]): MetricComparison[] {
  const order: Record<CompareVerdict, number> = { regression: 0, improvement: 1, 'no change': 2, 'too few values': 3 };
  return [...rows].sort((x, y) => order[x.verdict] - order[y.verdict] || x.key.localeCompare(y.key));
}

const METRICS_COMPARED =
  'Per browser cell: its latency, and each of its requests’ time to first byte (from the request’s start to its response’s first byte, summed per interaction: a server-side change shows there in full, even where the browser’s own work hides part of it end to end), each the geometric mean of page-load medians; per load cell: its interaction p50 and throughput per block.';

export type ComparisonKind = keyof typeof COMPARISON_CALIBRATION | 'stored';

/** The sentence above a comparison table: how many regressed, under which rule, and how far the kind is trusted. */
export function comparisonVerdict(
  rows: readonly MetricComparison[],
  band: NoiseBand,
  kind: ComparisonKind,
  drift: DriftModel | null = null,
): string {
  const regressions = rows.filter((row) => row.verdict === 'regression').length;
  const how = {
    duet: 'Duet: both builds measured in the same randomized rounds',
    stored: 'Stored baseline: measured at another time, so drift between the runs counts as change',
    versions:
      'Versions: browser cells measured in the same randomized rounds, load cells in the same interleaved passes',
  }[kind];
  const trust = kind === 'stored' ? driftSentence(drift) : COMPARISON_CALIBRATION[kind];
  return `${regressions ? `${regressions} regression(s)` : 'No regression'} among ${rows.length} metrics (noise band ${band.pct}% and ${band.ms} ms; Benjamini-Hochberg over the metrics, α = ${REGRESSION_ALPHA} one-sided). ${how}. ${METRICS_COMPARED} ${trust}`;
}

/** The comparison as a Markdown table (regressions first), for a terminal and $GITHUB_STEP_SUMMARY. */
export function comparisonMarkdown(
  rows: readonly MetricComparison[],
  names: { baseline: string; candidate: string },
  band: NoiseBand,
  kind: ComparisonKind,
  drift: DriftModel | null = null,
): string {
  const lines = [
    `### mutation-bench: ${names.candidate} against ${names.baseline}`,
    '',
    comparisonVerdict(rows, band, kind, drift),
    '',
    `| ${COMPARISON_COLUMNS.join(' | ')} |`,
    '|---|---:|---:|---|---:|---:|---|',
    ...orderedComparison(rows).map(
      (row) =>
        `| ${comparisonCells(row)
          .map((cell, index) => (index === 6 && row.verdict === 'regression' ? `**${cell}**` : cell))
          .join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** A duet's verdicts: this checkout's browser cells against the baseline build's, measured in the same rounds. */
export function duetComparison(
  samples: readonly Sample[],
  band: NoiseBand,
): { band: NoiseBand; comparison: MetricComparison[] } {
  return {
    band,
    comparison: compareRuns(
      browserMetrics(samples, BASELINE_BUILD),
      browserMetrics(samples, CURRENT_BUILD),
      band,
      true,
    ),
  };
}

/**
 * A version matrix's verdicts: each version against the one listed before it, every metric both have. Browser
 * cells are paired by round (the versions were sampled in the same rounds), load cells by pass (they ran in the
 * same interleaved passes). Benjamini-Hochberg runs over each pair's metrics.
 */
export function versionComparisons(
  versions: readonly Pick<VersionSection, 'label' | 'http'>[],
  samples: readonly Sample[],
  band: NoiseBand,
): { baseline: string; candidate: string; comparison: MetricComparison[] }[] {
  const metricsOf = (version: Pick<VersionSection, 'label' | 'http'>) => [
    ...browserMetrics(samples, version.label),
    ...httpMetrics(version.http),
  ];
  return versions.slice(1).map((candidate, index) => {
    const baseline = versions[index]!;
    return {
      baseline: baseline.label,
      candidate: candidate.label,
      comparison: compareRuns(metricsOf(baseline), metricsOf(candidate), band, true),
    };
  });
}
