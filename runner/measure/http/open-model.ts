import * as hdr from 'hdr-histogram-js';
import http from 'node:http';
import { seededRandom } from '../../stats/random';

/** One request of an interaction, as it goes on the wire. */
export interface OpenModelRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface OpenModelOptions {
  origin: string;
  ratePerSecond: number;
  durationSeconds: number;
  /** constant: one arrival every 1/rate s; poisson: exponential gaps with that mean. */
  arrivals: 'constant' | 'poisson';
  seed: number;
  /** Connections the pool may grow to; an arrival that finds all of them busy is dropped. */
  maxConnections: number;
  timeoutMs: number;
  /** The requests of the index-th interaction, sent one after another on one connection. */
  sequence(index: number): OpenModelRequest[];
  onResponse(interaction: number, request: number, status: number, headers: http.IncomingHttpHeaders): void;
}

export interface OpenModelPercentiles {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
}

export interface OpenModelResult {
  scheduled: number;
  started: number;
  completed: number;
  dropped: number;
  /** Arrivals the scheduler started more than LATE_MS after their intended time (the generator fell behind). */
  late: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Requests answered or failed, over all interactions. */
  requests: number;
  /** From the first intended start to the last completion. */
  durationSeconds: number;
  requestsPerSec: number;
  interactionsPerSec: number;
  /** Per completed interaction, from its intended start: waiting for a slow server counts (no coordinated omission). */
  latencyMs: OpenModelPercentiles;
  /** Per completed interaction, from its actual start. */
  serviceMs: OpenModelPercentiles;
  /** Every completed interaction's latency from its intended start, in completion order. */
  latenciesMs: number[];
  maxConnectionsUsed: number;
  /** Bytes read and written on the sockets, per completed interaction summed over all. */
  responseBytes: number;
  requestBytes: number;
}

export const LATE_MS = 10;

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Intended start times (ms after the run's start) of every arrival in the window, from the seed. */
export function arrivalTimes(
  options: Pick<OpenModelOptions, 'ratePerSecond' | 'durationSeconds' | 'arrivals' | 'seed'>,
): number[] {
  const meanGapMs = 1000 / options.ratePerSecond;
  const windowMs = options.durationSeconds * 1000;
  const random = seededRandom(options.seed);
  const times: number[] = [];
  for (let t = 0; t < windowMs;) {
    times.push(t);
    t += options.arrivals === 'constant' ? meanGapMs : -Math.log(1 - random.uniform()) * meanGapMs;
  }
  return times;
}

function percentiles(values: number[]): OpenModelPercentiles {
  if (values.length === 0) return { p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0 };
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  for (const value of values) histogram.recordValue(Math.max(1, Math.round(value * 1000)));
  const at = (p: number) => histogram.getValueAtPercentile(p) / 1000;
  const result = { p50: at(50), p90: at(90), p99: at(99), p99_9: at(99.9), max: Math.max(...values) };
  histogram.destroy();
  return result;
}

type Failure = 'error' | 'timeout';

/**
 * An open-model load generator in the manner of wrk2 and k6's constant-arrival-rate: interactions arrive on a
 * schedule fixed before the run (independent of responses), each takes a free keep-alive connection from a pool
 * that grows as needed, and latency runs from the intended start, so a stalled server shows as every arrival
 * that waited on it, not as one slow request.
 */
export async function runOpenModel(options: OpenModelOptions): Promise<OpenModelResult> {
  const url = new URL(options.origin);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.maxConnections,
    maxFreeSockets: options.maxConnections,
  });
  const times = arrivalTimes(options);
  const counts = {
    started: 0,
    completed: 0,
    dropped: 0,
    late: 0,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    requests: 0,
    responseBytes: 0,
    requestBytes: 0,
  };
  const latenciesMs: number[] = [];
  const servicesMs: number[] = [];
  let inFlight = 0;
  let maxConnectionsUsed = 0;
  let lastCompletionMs = 0;

  const send = (request: OpenModelRequest) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders } | Failure>((resolve) => {
      const outgoing = http.request({
        agent,
        hostname: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
      });
      let written = 0;
      let read = 0;
      outgoing.on('socket', (socket) => {
        written = socket.bytesWritten;
        read = socket.bytesRead;
      });
      outgoing.setTimeout(options.timeoutMs, () => {
        outgoing.destroy();
        resolve('timeout');
      });
      outgoing.on('error', () => resolve('error'));
      outgoing.on('response', (response) => {
        response.resume();
        response.on('end', () => {
          const socket = outgoing.socket;
          if (socket) {
            counts.requestBytes += socket.bytesWritten - written;
            counts.responseBytes += socket.bytesRead - read;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers });
        });
        response.on('error', () => resolve('error'));
      });
      outgoing.end(request.body ?? undefined);
    });

  const interact = async (index: number, intendedMs: number, startedMs: number): Promise<void> => {
    for (const [position, request] of options.sequence(index).entries()) {
      const answer = await send(request);
      counts.requests++;
      if (answer === 'timeout') return void counts.timeouts++;
      if (answer === 'error') return void counts.errors++;
      if (answer.status < 200 || answer.status >= 300) counts.non2xx++;
      options.onResponse(index, position, answer.status, answer.headers);
    }
    const doneMs = nowMs();
    counts.completed++;
    lastCompletionMs = doneMs;
    latenciesMs.push(doneMs - intendedMs);
    servicesMs.push(doneMs - startedMs);
  };

  const running = new Set<Promise<void>>();
  const startMs = nowMs();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowMs();
      while (next < times.length && startMs + times[next]! <= now) {
        const intendedMs = startMs + times[next]!;
        if (inFlight >= options.maxConnections) counts.dropped++;
        else {
          if (now - intendedMs > LATE_MS) counts.late++;
          counts.started++;
          inFlight++;
          maxConnectionsUsed = Math.max(maxConnectionsUsed, inFlight);
          const done = interact(next, intendedMs, now).finally(() => {
            inFlight--;
            running.delete(done);
          });
          running.add(done);
        }
        next++;
      }
      if (next >= times.length) return resolve();
      // On a timer, never a spin: spinning the last 1.5 ms before each arrival took about 30% of a core at 200/s
      // (all of it above ~670/s) from the cores the server needs. A timer fires up to a millisecond or so late;
      // latency counts from the intended start, so lateness is in the numbers, and an arrival over LATE_MS late is counted.
      setTimeout(tick, Math.max(0, startMs + times[next]! - nowMs()));
    };
    tick();
  });
  await Promise.all(running);
  agent.destroy();

  const durationSeconds = Math.max(options.durationSeconds, (lastCompletionMs - startMs) / 1000);
  return {
    scheduled: times.length,
    started: counts.started,
    completed: counts.completed,
    dropped: counts.dropped,
    late: counts.late,
    errors: counts.errors,
    timeouts: counts.timeouts,
    non2xx: counts.non2xx,
    requests: counts.requests,
    durationSeconds,
    requestsPerSec: counts.requests / durationSeconds,
    interactionsPerSec: counts.completed / durationSeconds,
    latencyMs: percentiles(latenciesMs),
    serviceMs: percentiles(servicesMs),
    latenciesMs,
    maxConnectionsUsed,
    responseBytes: counts.responseBytes,
    requestBytes: counts.requestBytes,
  };
}
