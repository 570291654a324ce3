import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { createRequire } from 'node:module';
import { runSignal } from '../../core/cleanup';
import type { Encoding } from '../../core/config';
import { replayScope } from '../../core/scopes';
import { mediaType, UNREPLAYED_HEADERS, type Capture, type CapturedRequest } from './capture';
import { runOpenModel } from './open-model';
import type { Percentiles, ReplayResult } from '../../contract/records';

export interface ReplayOptions {
  origin: string;
  capture: Capture;
  connections: number;
  /** Closed model, fixed work: this many interactions (every request answered, so integrity counts are exact). */
  interactions?: number;
  /** Closed model, fixed time. In-flight interactions at the stop may persist without being acknowledged. */
  durationSeconds?: number;
  /** Open model: interactions per second, arriving on a schedule independent of responses (runner/measure/http/open-model.ts). */
  ratePerSecond?: number;
  arrivals?: 'constant' | 'poisson';
  seed?: number;
  /** gzip: the browser's accept-encoding, as captured; identity: no accept-encoding header. */
  encoding: Encoding;
  /** Three to six [a-z0-9] characters naming this replay's scopes (a run tag, then the replay's own three). */
  scopePrefix: string;
  timeoutMs?: number;
}

const require = createRequire(import.meta.url);
/** autocannon's own request serializer: request bytes are counted on exactly what it writes. */
const requestBuilder = require('autocannon/lib/httpRequestBuilder') as (
  defaults: object,
) => (request: object) => Buffer;

/** Which captured request mutates: the first one whose body carries the capture's scope. */
export function mutationIndex(capture: Capture): number {
  const index = capture.requests.findIndex((request) => request.body?.includes(capture.scope));
  if (index < 0) throw new Error(`${capture.scenario}/${capture.variant}: no captured request carries the scope`);
  return index;
}

/** A response header by name, whatever case the server sent it in. */
function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  const value = found === undefined ? undefined : headers[found];
  return value === undefined ? undefined : String(value);
}

export function responseProblem(
  expected: CapturedRequest['expect'],
  status: number,
  headers: Record<string, string | string[] | undefined>,
): string | null {
  const contentType = mediaType(headerValue(headers, 'content-type'));
  if (status !== expected.status) return `status ${status}, expected ${expected.status}`;
  if (contentType !== expected.contentType)
    return `content-type ${contentType || 'none'}, expected ${expected.contentType}`;
  const revalidated = headerValue(headers, 'x-action-revalidated') ?? null;
  if (expected.actionRevalidated !== null && revalidated !== expected.actionRevalidated) {
    return `x-action-revalidated ${revalidated ?? 'absent'}, expected ${expected.actionRevalidated}`;
  }
  return null;
}

const toPercentiles = (source: Percentiles): Percentiles => ({
  p50: source.p50,
  p90: source.p90,
  p99: source.p99,
  p99_9: source.p99_9,
});

/** The captured sequence as it is replayed: headers for the encoding, each body with a scope of its own. */
function replaySequence(options: ReplayOptions) {
  const { capture } = options;
  return capture.requests.map((captured) => {
    const headers = Object.fromEntries(
      Object.entries(captured.headers).filter(
        ([name]) => !UNREPLAYED_HEADERS.has(name) && !(options.encoding === 'identity' && name === 'accept-encoding'),
      ),
    );
    return { captured, headers, body: (scope: string) => captured.body?.replaceAll(capture.scope, scope) ?? null };
  });
}

/** Counts and validation shared by both load models. */
function responseTally(options: ReplayOptions) {
  const mutating = mutationIndex(options.capture);
  const tally = { acknowledged: 0, invalid: 0, invalidExample: null as string | null };
  return {
    tally,
    onResponse(requestIndex: number, status: number, headers: Record<string, string | string[] | undefined>) {
      const captured = options.capture.requests[requestIndex]!;
      const problem = responseProblem(captured.expect, status, headers);
      if (problem) {
        tally.invalid++;
        tally.invalidExample ??= `${captured.method} ${captured.path}: ${problem}`;
      }
      if (requestIndex === mutating && status >= 200 && status < 300) tally.acknowledged++;
    },
  };
}

/** Replays a captured interaction, whole sequence per interaction: autocannon (closed model) or the open model. */
export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  if (!/^[a-z0-9]{3,6}$/.test(options.scopePrefix))
    throw new Error(`scope prefix must be 3 to 6 of [a-z0-9]: ${options.scopePrefix}`);
  return options.ratePerSecond !== undefined ? replayOpen(options, options.ratePerSecond) : replayClosed(options);
}

async function replayOpen(options: ReplayOptions, ratePerSecond: number): Promise<ReplayResult> {
  const sequence = replaySequence(options);
  const { tally, onResponse } = responseTally(options);
  const cpuBefore = process.cpuUsage();
  const result = await runOpenModel({
    origin: options.origin,
    ratePerSecond,
    durationSeconds: options.durationSeconds ?? 10,
    arrivals: options.arrivals ?? 'constant',
    seed: options.seed ?? 0,
    maxConnections: Math.max(options.connections, 1000),
    timeoutMs: options.timeoutMs ?? 10_000,
    sequence: (index) => {
      const scope = replayScope(options.scopePrefix, index);
      return sequence.map(({ captured, headers, body }) => ({
        method: captured.method,
        path: captured.path,
        headers,
        body: body(scope),
      }));
    },
    onResponse: (_interaction, request, status, headers) => onResponse(request, status, headers),
  });
  const cpu = process.cpuUsage(cpuBefore);
  const interactions = Math.max(result.completed, 1);
  return {
    durationSeconds: result.durationSeconds,
    requestsPerInteraction: sequence.length,
    totalRequests: result.requests,
    completed: result.completed,
    requestsPerSec: result.requestsPerSec,
    interactionsPerSec: result.interactionsPerSec,
    latencyMs: toPercentiles(result.latencyMs),
    interactionLatencyMs: toPercentiles(result.latencyMs),
    requestBytesPerInteraction: result.requestBytes / interactions,
    responseBytesPerInteraction: result.responseBytes / interactions,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    dropped: result.dropped,
    late: result.late,
    ...tally,
    loadGeneratorCpu: (cpu.user + cpu.system) / 1e6 / result.durationSeconds,
  };
}

async function replayClosed(options: ReplayOptions): Promise<ReplayResult> {
  const sequence = replaySequence(options);
  const { tally, onResponse } = responseTally(options);
  const last = sequence.length - 1;
  const url = new URL(options.origin);
  const build = requestBuilder({ hostname: url.hostname, port: url.port });
  const requestBytesPerInteraction = sequence.reduce(
    (sum, { captured, headers, body }) =>
      sum +
      build({
        method: captured.method,
        path: captured.path,
        headers,
        body: body(replayScope(options.scopePrefix, 0)) ?? undefined,
      }).length,
    0,
  );
  let nextScope = 0;
  // The measured window: first request sent to last response received. autocannon notices a finished amount
  // only when it takes a sample, and reports rounded seconds, so neither its duration nor the call's wall time will do.
  let firstSentAt: bigint | null = null;
  let lastAnsweredAt = 0n;
  const interactionHistogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });

  type Context = { scope: string; startedAt: bigint };
  const requests = sequence.map(({ captured, headers, body }, index) => ({
    method: captured.method as autocannon.Request['method'],
    path: captured.path,
    headers,
    body: captured.body ?? undefined,
    setupRequest: (request: autocannon.Request, context: Context) => {
      firstSentAt ??= process.hrtime.bigint();
      if (index === 0) {
        context.scope = replayScope(options.scopePrefix, nextScope++);
        context.startedAt = process.hrtime.bigint();
      }
      request.body = body(context.scope) ?? undefined;
      return request;
    },
    onResponse: (status: number, _body: string, context: Context, responseHeaders: Record<string, string>) => {
      lastAnsweredAt = process.hrtime.bigint();
      onResponse(index, status, responseHeaders);
      if (index === last)
        interactionHistogram.recordValue(Number((process.hrtime.bigint() - context.startedAt) / 1000n));
    },
  }));

  const cpuBefore = process.cpuUsage();
  // autocannon ignores a `path` option: the first path goes in `url`, every request names its own.
  // The promise form returns autocannon's tracker, a thenable (no finally) that can be stopped.
  const instance = autocannon({
    url: `${options.origin}${sequence[0]!.captured.path}`,
    connections: options.connections,
    requests: requests as unknown as autocannon.Request[],
    ...(options.interactions !== undefined
      ? { amount: options.interactions * sequence.length }
      : { duration: options.durationSeconds ?? 10 }),
    timeout: (options.timeoutMs ?? 10_000) / 1000,
    // autocannon notices a finished amount only when it takes a sample: every 50 ms instead of every second keeps
    // a short repeat from idling up to a second (the measured window below does not include that idle time).
    sampleInt: 50,
  }) as unknown as PromiseLike<autocannon.Result> & { stop(): void };
  // A stopping run (Ctrl-C, the server gone) stops the load at once; runSignal then says why.
  const stopLoad = () => instance.stop();
  runSignal.addEventListener('abort', stopLoad, { once: true });
  let result: autocannon.Result;
  try {
    result = await instance;
  } finally {
    runSignal.removeEventListener('abort', stopLoad);
  }
  runSignal.throwIfAborted();
  const cpu = process.cpuUsage(cpuBefore);

  const totalRequests = result.requests.total;
  const completed = interactionHistogram.totalCount;
  const seconds = firstSentAt === null ? result.duration : Number(lastAnsweredAt - firstSentAt) / 1e9;
  const interactionPercentile = (p: number) => interactionHistogram.getValueAtPercentile(p) / 1000;
  const replayResult: ReplayResult = {
    durationSeconds: seconds,
    requestsPerInteraction: sequence.length,
    totalRequests,
    completed,
    requestsPerSec: totalRequests / seconds,
    interactionsPerSec: completed / seconds,
    latencyMs: toPercentiles(result.latency),
    interactionLatencyMs: completed
      ? {
          p50: interactionPercentile(50),
          p90: interactionPercentile(90),
          p99: interactionPercentile(99),
          p99_9: interactionPercentile(99.9),
        }
      : { p50: 0, p90: 0, p99: 0, p99_9: 0 },
    requestBytesPerInteraction,
    responseBytesPerInteraction: completed ? result.throughput.total / completed : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    dropped: 0,
    late: 0,
    ...tally,
    // Over the measured window: the CPU autocannon spends around it (setup, the idle tick) is small.
    loadGeneratorCpu: (cpu.user + cpu.system) / 1e6 / seconds,
  };
  interactionHistogram.destroy();
  return replayResult;
}
