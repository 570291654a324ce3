/** One request of an interaction; times are ms relative to the interaction's start (the click). */
export interface RequestRecord {
  method: string;
  path: string;
  status: number | null;
  requestBytes: number;
  responseBytes: number;
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
