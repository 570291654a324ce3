/**
 * One request of an interaction; times are ms relative to the interaction's start (the click's input time). Bytes
 * are counted per interaction on the wire (the proxy), not here: Playwright's request.sizes() under-counts chunked
 * responses to almost nothing in 25-55% of samples.
 */
export interface RequestRecord {
  method: string;
  path: string;
  status: number | null;
  startMs: number;
  endMs: number;
}

/**
 * Round trips on the critical path: the longest chain of requests each starting after the previous one ended
 * (overlapping requests share a round trip). Earliest-end-first greedy gives the longest such chain.
 */
export function countRoundTrips(requests: readonly Pick<RequestRecord, 'startMs' | 'endMs'>[]): number {
  let chain = 0;
  let lastEnd = -Infinity;
  for (const request of [...requests].sort((a, b) => a.endMs - b.endMs)) {
    if (request.startMs >= lastEnd) {
      chain++;
      lastEnd = request.endMs;
    }
  }
  return chain;
}
