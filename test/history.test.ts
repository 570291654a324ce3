import { describe, expect, it } from 'vitest';
import { bencherMetricFormat, githubActionBenchmark, trackedMetrics } from '../reports/history';
import { runMetrics } from '../runner/analyse/compare/compare';
import { syntheticResults, syntheticSamples } from './results-fixture';

describe('history exports', () => {
  const results = syntheticResults();
  const metrics = trackedMetrics(results);

  it('tracks every browser cell once: its median latency inside its own CI', () => {
    expect(metrics).toHaveLength(results.browser!.cells.length);
    for (const metric of metrics) {
      expect(metric.measure).toBe('latency');
      expect(metric.lower!).toBeLessThanOrEqual(metric.value);
      expect(metric.upper!).toBeGreaterThanOrEqual(metric.value);
    }
    expect(metrics[0]!.name).toBe(`browser revalidate/${results.browser!.cells[0]!.variant} RTT 0 ms no-defer`);
  });

  it('writes github-action-benchmark customSmallerIsBetter entries with the CI as range', () => {
    const entries = githubActionBenchmark(metrics);
    expect(entries).toHaveLength(metrics.length);
    expect(entries[0]).toEqual({
      name: `${metrics[0]!.name} latency`,
      unit: 'ms',
      value: metrics[0]!.value,
      range: `95% CI ${metrics[0]!.lower!.toFixed(2)}–${metrics[0]!.upper!.toFixed(2)}`,
      extra: metrics[0]!.detail,
    });
    // Throughput is bigger-is-better: it has no place in a smaller-is-better file.
    expect(githubActionBenchmark([{ ...metrics[0]!, measure: 'throughput' }])).toEqual([]);
  });

  it('writes Bencher Metric Format with latency in nanoseconds and the CI as lower/upper values', () => {
    const bmf = bencherMetricFormat([
      ...metrics,
      {
        name: 'http counter/action 10 connections gzip',
        measure: 'throughput',
        value: 812,
        lower: 790,
        upper: 830,
        unit: 'interactions/s',
        detail: '',
      },
    ]);
    expect(bmf[metrics[0]!.name]).toEqual({
      latency: {
        value: metrics[0]!.value * 1e6,
        lower_value: metrics[0]!.lower! * 1e6,
        upper_value: metrics[0]!.upper! * 1e6,
      },
    });
    expect(bmf['http counter/action 10 connections gzip']).toEqual({
      throughput: { value: 812, lower_value: 790, upper_value: 830 },
    });
    expect(
      bencherMetricFormat([{ ...metrics[0]!, measure: 'server-cpu', lower: null, upper: null }])[metrics[0]!.name],
    ).toEqual({ 'server-cpu-ms-per-interaction': { value: metrics[0]!.value } });
  });
});

describe('history exports of the time to first byte', () => {
  // Every request answers its first byte 7 ms after it starts: the known answer of every page-load median.
  const samples = syntheticSamples([0, 60], 10).map((sample) => ({
    ...sample,
    requests: sample.requests.map((request) => ({ ...request, responseStartMs: request.startMs + 7 })),
  }));
  const results = syntheticResults();
  const withSamples = trackedMetrics(results, samples);

  it("adds each request's time to first byte under the stored comparison's own metric name", () => {
    const ttfb = withSamples.filter((metric) => metric.measure === 'time-to-first-byte');
    const gated = runMetrics(results, samples)
      .map((series) => series.key)
      .filter((key) => key.endsWith(' time to first byte'));
    expect(ttfb.map((metric) => metric.name).sort()).toEqual(gated.sort());
    expect(ttfb.length).toBeGreaterThan(0);
    for (const metric of ttfb) {
      expect(metric.value).toBeCloseTo(7, 6);
      expect([metric.lower, metric.upper]).toEqual([expect.closeTo(7, 6), expect.closeTo(7, 6)]);
    }
  });

  it('puts it in both history files, in nanoseconds for Bencher', () => {
    const metric = withSamples.find((m) => m.measure === 'time-to-first-byte')!;
    expect(githubActionBenchmark(withSamples).map((entry) => entry.name)).toContain(metric.name);
    expect(bencherMetricFormat(withSamples)[metric.name]).toEqual({
      'time-to-first-byte': {
        value: metric.value * 1e6,
        lower_value: metric.lower! * 1e6,
        upper_value: metric.upper! * 1e6,
      },
    });
  });
});
