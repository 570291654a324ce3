import type { RequestRecord } from '../../contract/results';

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
