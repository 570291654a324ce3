/** An arm's latencies as clusters, one per page load (an arm loads its page once per round). */
export function pageLoadClusters(samples: readonly { round: number; latencyMs: number }[]): number[][] {
  const byRound = new Map<number, number[]>();
  for (const sample of samples) {
    if (!byRound.has(sample.round)) byRound.set(sample.round, []);
    byRound.get(sample.round)!.push(sample.latencyMs);
  }
  return [...byRound.values()];
}
