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
  /** The response's first byte (its headers arrived). */
  responseStartMs?: number;
  endMs: number;
}

/**
 * Round trips on the critical path: the longest chain of requests each starting after the previous one's response
 * began to arrive (requests in flight together share a round trip). The response's first byte, not its end,
 * because Chromium reports a response's end (CDP loadingFinished) late: in 2 of 80 route-refresh interactions per
 * RTT the refresh GET started up to 15 ms before the POST's recorded end, though it cannot start before the POST's
 * body has been read; it never started earlier than 4 ms after the POST's first byte (320 of 320 interactions at
 * RTT 0 and 60). Earliest-first-byte-first greedy gives the longest such chain.
 */
export function countRoundTrips(
  requests: readonly Pick<RequestRecord, 'startMs' | 'responseStartMs' | 'endMs'>[],
): number {
  const answeredAt = (request: Pick<RequestRecord, 'responseStartMs' | 'endMs'>) =>
    request.responseStartMs ?? request.endMs;
  let chain = 0;
  let lastAnswer = -Infinity;
  for (const request of [...requests].sort((a, b) => answeredAt(a) - answeredAt(b))) {
    if (request.startMs >= lastAnswer) {
      chain++;
      lastAnswer = answeredAt(request);
    }
  }
  return chain;
}
