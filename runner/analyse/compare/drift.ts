import { z } from 'zod';
import { mean, sampleVariance } from '../../stats/interval';
import type { MetricSeries } from './metric';

/**
 * How far two runs of the same code on the same machine drift apart, beyond what each run's own replicates show:
 * a between-run variance on the log scale per family of metrics, learned from three or more stored same-code runs.
 * A stored-baseline comparison adds it to its variance (twice: each run has its own run effect), so that false
 * alarms are controlled across runs, not only within one. Same-code load runs here differed by up to 1.7x in
 * throughput (route 515 to 883 interactions/s, docs/benchmarks.md): without this term that reads as a change.
 */
export const DriftModelSchema = z.object({
  /** The machine it was learned on (results.environment's cpu and cores): another machine's drift says nothing here. */
  machine: z.string(),
  learnedAt: z.string(),
  gitSha: z.string(),
  runs: z.array(z.string()).min(3),
  families: z.record(
    z.string(),
    z.object({ sdLog: z.number().min(0), metrics: z.number().int(), degreesOfFreedom: z.number().int() }),
  ),
});
export type DriftModel = z.infer<typeof DriftModelSchema>;

/** Fewer runs than this leave the between-run variance on 1 degree of freedom: an interval too wide to use. */
export const MIN_DRIFT_RUNS = 3;

export const machineKey = (environment: { cpu: string; cores: number }) => `${environment.cpu} x${environment.cores}`;

/** Metrics that drift alike share a family: browser latency, a request's time to first byte, load p50, load throughput. */
export function metricFamily(metric: Pick<MetricSeries, 'key' | 'kind'>): string {
  if (metric.key.startsWith('http ')) return metric.kind === 'throughput' ? 'load throughput' : 'load p50';
  return metric.key.endsWith('time to first byte') ? 'browser time to first byte' : 'browser latency';
}

/**
 * Pure: the between-run variance of each family, by the method of moments. For each metric every run shares, the
 * variance of the runs' log means minus the mean of their within-run variances of the mean (what each run's own
 * replicates explain); a family's estimate is the mean over its metrics, floored at 0. Its degrees of freedom are
 * the runs' less one: the metrics of a run share one run effect, so they are not independent evidence of it.
 */
export function learnDrift(
  runs: readonly { runId: string; gitSha: string; metrics: readonly MetricSeries[] }[],
  machine: string,
  now: Date,
): DriftModel {
  if (runs.length < MIN_DRIFT_RUNS) throw new Error(`learning drift needs ${MIN_DRIFT_RUNS} or more same-code runs`);
  const excess = new Map<string, number[]>();
  for (const metric of runs[0]!.metrics) {
    const series = runs.map(
      (run) =>
        run.metrics
          .find((other) => other.key === metric.key)
          ?.values.filter((value) => value > 0)
          .map(Math.log) ?? [],
    );
    if (series.some((logs) => logs.length < 2)) continue;
    const between = sampleVariance(series.map(mean)) - mean(series.map((logs) => sampleVariance(logs) / logs.length));
    const family = metricFamily(metric);
    excess.set(family, [...(excess.get(family) ?? []), between]);
  }
  return {
    machine,
    learnedAt: now.toISOString(),
    gitSha: runs[0]!.gitSha,
    runs: runs.map((run) => run.runId),
    families: Object.fromEntries(
      [...excess].map(([family, values]) => [
        family,
        { sdLog: Math.sqrt(Math.max(0, mean(values))), metrics: values.length, degreesOfFreedom: runs.length - 1 },
      ]),
    ),
  };
}

/** The between-run term for one metric, or null when the model has none for its family. */
export function driftFor(
  model: DriftModel | null,
  metric: Pick<MetricSeries, 'key' | 'kind'>,
): { variance: number; degreesOfFreedom: number } | null {
  const family = model?.families[metricFamily(metric)];
  return family ? { variance: family.sdLog ** 2, degreesOfFreedom: family.degreesOfFreedom } : null;
}

const pct = (sdLog: number) => `${((Math.exp(sdLog) - 1) * 100).toFixed(1)}%`;

/** What a stored-baseline comparison's reader needs to know about drift, in one sentence. */
export function driftSentence(model: DriftModel | null): string {
  if (!model) {
    return 'No between-run drift learned for this machine: drift between the two runs counts as change (npm run compare -- --learn-drift RUN RUN RUN, three or more runs of the same code, learns it).';
  }
  const families = Object.entries(model.families).map(
    ([family, { sdLog, metrics }]) => `${family} ${pct(sdLog)} (${metrics} metrics)`,
  );
  return `Between-run drift learned on this machine from ${model.runs.length} same-code runs (${model.gitSha.slice(0, 12)}, ${model.learnedAt.slice(0, 10)}), one standard deviation per run: ${families.join(', ')}; added to every comparison's variance, on ${model.runs.length - 1} degrees of freedom.`;
}
