/** One metric of one run: its independent replicates (a browser cell's page-load medians, a load cell's repeats). */
export interface MetricSeries {
  key: string;
  kind: 'latency' | 'throughput';
  unit: 'ms' | 'interactions/s';
  values: number[];
  /** The round each value was measured in: a duet pairs the two builds' page loads of the same round. */
  rounds?: number[];
}
