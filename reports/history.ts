import { browserMetrics } from '../runner/analyse/compare/compare';
import type { Results, Sample } from '../runner/contract/results';
import { medianInterval, pageLoadMean } from '../runner/stats/interval';

/** One tracked number of a run, with its 95% CI when it has one, as history tools keep it. */
export interface TrackedMetric {
  /** The benchmark: what was measured and under which conditions. */
  name: string;
  measure: 'latency' | 'time-to-first-byte' | 'throughput' | 'server-cpu';
  value: number;
  lower: number | null;
  upper: number | null;
  /** ms, interactions/s, ms per interaction. */
  unit: string;
  detail: string;
}

/**
 * The numbers a history tool should track: each browser cell's median latency (order-statistic CI over its
 * interactions) and, given the run's samples, each of its requests' time to first byte (named as the stored
 * comparison names it: the metric that finds a server-side change first); each load cell's interaction p50,
 * throughput (CIs over repeats) and server CPU per interaction. A/A twins and the floor are controls: left out.
 */
export function trackedMetrics(results: Results, samples: readonly Sample[] | null = null): TrackedMetric[] {
  const metrics: TrackedMetric[] = [];
  for (const cell of results.browser?.cells ?? []) {
    const { ci95 } = medianInterval(cell.samplesMs);
    metrics.push({
      name: `browser ${cell.scenario}/${cell.variant} RTT ${cell.rttMs} ms ${cell.chrome}`,
      measure: 'latency',
      value: cell.medianMs,
      lower: ci95[0],
      upper: ci95[1],
      unit: 'ms',
      detail: `median of ${cell.n} interactions in ${cell.loads} page loads, click to the new value on screen`,
    });
  }
  for (const series of browserMetrics(samples ?? []).filter((s) => s.key.endsWith(' time to first byte'))) {
    if (series.values.length < 2) continue;
    const { estimate, ci95 } = pageLoadMean(series.values.map((value) => [value]));
    metrics.push({
      name: series.key,
      measure: 'time-to-first-byte',
      value: estimate,
      lower: ci95[0],
      upper: ci95[1],
      unit: 'ms',
      detail: `20% trimmed mean of ${series.values.length} page-load medians, from the request's start to its response's first byte`,
    });
  }
  for (const cell of (results.http?.cells ?? []).filter((c) => !c.twin && c.variant !== 'floor')) {
    const name = `http ${cell.scenario}/${cell.variant} ${cell.connections} connections ${cell.encoding}`;
    const detail = `median over ${cell.repeats} load repeats${cell.failed ? `; FAILED: ${cell.failed}` : ''}`;
    metrics.push({
      name,
      measure: 'latency',
      value: cell.interactionLatencyMs.p50,
      lower: cell.interactionP50Ci.ci95[0],
      upper: cell.interactionP50Ci.ci95[1],
      unit: 'ms',
      detail: `interaction p50, ${detail}`,
    });
    metrics.push({
      name,
      measure: 'throughput',
      value: cell.interactionsPerSec,
      lower: cell.interactionsPerSecCi.ci95[0],
      upper: cell.interactionsPerSecCi.ci95[1],
      unit: 'interactions/s',
      detail,
    });
    if (cell.serverCpuMsPerInteraction !== null) {
      metrics.push({
        name,
        measure: 'server-cpu',
        value: cell.serverCpuMsPerInteraction,
        lower: null,
        upper: null,
        unit: 'ms per interaction',
        detail: `server CPU, ${detail}`,
      });
    }
  }
  return metrics;
}

/** github-action-benchmark's `customSmallerIsBetter` input: the smaller-is-better metrics only (latency, server CPU). */
export function githubActionBenchmark(
  metrics: readonly TrackedMetric[],
): { name: string; unit: string; value: number; range?: string; extra: string }[] {
  return metrics
    .filter((metric) => metric.measure !== 'throughput')
    .map((metric) => ({
      name: {
        latency: `${metric.name} latency`,
        'time-to-first-byte': metric.name,
        'server-cpu': `${metric.name} server CPU`,
      }[metric.measure as Exclude<TrackedMetric['measure'], 'throughput'>],
      unit: metric.unit,
      value: metric.value,
      ...(metric.lower !== null && metric.upper !== null
        ? { range: `95% CI ${metric.lower.toFixed(2)}–${metric.upper.toFixed(2)}` }
        : {}),
      extra: metric.detail,
    }));
}

type BencherValue = { value: number; lower_value?: number; upper_value?: number };

/**
 * Bencher Metric Format: benchmark -> measure -> value with the CI as lower/upper values. Latency in
 * nanoseconds and throughput in operations per second (Bencher's built-in measures); time to first byte in
 * nanoseconds and server CPU in milliseconds per interaction, custom measures.
 */
export function bencherMetricFormat(metrics: readonly TrackedMetric[]): Record<string, Record<string, BencherValue>> {
  const formatted: Record<string, Record<string, BencherValue>> = {};
  for (const metric of metrics) {
    const scale = metric.measure === 'latency' || metric.measure === 'time-to-first-byte' ? 1e6 : 1;
    const slug = metric.measure === 'server-cpu' ? 'server-cpu-ms-per-interaction' : metric.measure;
    (formatted[metric.name] ??= {})[slug] = {
      value: metric.value * scale,
      ...(metric.lower !== null && metric.upper !== null
        ? { lower_value: metric.lower * scale, upper_value: metric.upper * scale }
        : {}),
    };
  }
  return formatted;
}
