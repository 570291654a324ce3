import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { CAPTURE_SCOPE, mediaType, type Capture, type CapturedRequest } from './capture';

export interface ReplayOptions {
  origin: string;
  capture: Capture;
  connections: number;
  /** Closed model, fixed work: this many interactions (every request answered, so integrity counts are exact). */
  interactions?: number;
  /** Closed model, fixed time. In-flight interactions at the stop may persist without being acknowledged. */
  durationSeconds?: number;
  /** Open model: interactions per second over all connections (autocannon corrects coordinated omission). */
  ratePerSecond?: number;
  /** Send the browser's accept-encoding (gzip, as captured) or none. */
  acceptEncoding: boolean;
  /** Three [a-z0-9] characters naming this replay's scopes; with a counter they make CAPTURE_SCOPE-long scopes. */
  scopePrefix: string;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
}

export interface ReplayResult {
  durationSeconds: number;
  requestsPerInteraction: number;
  totalRequests: number;
  requestsPerSec: number;
  interactionsPerSec: number;
  /** Per request, from autocannon's HDR histogram. */
  latencyMs: Percentiles;
  /** First request sent to last response received, per completed interaction (HDR histogram, microsecond resolution). */
  interactionLatencyMs: Percentiles;
  bytesPerRequest: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses that differ from what the browser got (status, content-type, x-action-revalidated). */
  invalid: number;
  invalidExample: string | null;
  /** 2xx answers to the mutating request. */
  acknowledged: number;
  /** CPU the load generator's process used, as a fraction of one core: near 1 it, not the server, is the limit. */
  loadGeneratorCpu: number;
}

const SCOPE_COUNTER_DIGITS = CAPTURE_SCOPE.length - 3;

/** Which captured request mutates: the first one whose body carries the scope. */
export function mutationIndex(capture: Capture): number {
  const index = capture.requests.findIndex((request) => request.body?.includes(CAPTURE_SCOPE));
  if (index < 0) throw new Error(`${capture.scenario}/${capture.variant}: no captured request carries the scope`);
  return index;
}

/** A response header by name, whatever case the server sent it in (autocannon keeps names as received). */
function headerValue(headers: Record<string, string>, name: string): string | undefined {
  if (name in headers) return String(headers[name]);
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(headers[found]);
}

export function responseProblem(expected: CapturedRequest['expect'], status: number, headers: Record<string, string>): string | null {
  const contentType = mediaType(headerValue(headers, 'content-type'));
  if (status !== expected.status) return `status ${status}, expected ${expected.status}`;
  if (contentType !== expected.contentType) return `content-type ${contentType || 'none'}, expected ${expected.contentType}`;
  const revalidated = headerValue(headers, 'x-action-revalidated') ?? null;
  if (expected.actionRevalidated !== null && revalidated !== expected.actionRevalidated) {
    return `x-action-revalidated ${revalidated ?? 'absent'}, expected ${expected.actionRevalidated}`;
  }
  return null;
}

const toPercentiles = (source: { p50: number; p90: number; p99: number; p99_9: number }): Percentiles => ({
  p50: source.p50,
  p90: source.p90,
  p99: source.p99,
  p99_9: source.p99_9,
});

/** Replays a captured interaction, whole sequence per interaction, with autocannon. */
export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  if (!/^[a-z0-9]{3}$/.test(options.scopePrefix)) throw new Error(`scope prefix must be 3 of [a-z0-9]: ${options.scopePrefix}`);
  const { capture } = options;
  const sequence = capture.requests;
  const mutating = mutationIndex(capture);
  const last = sequence.length - 1;
  let nextScope = 0;
  // The measured window: first request sent to last response received. autocannon notices a finished amount
  // only on its 1-second tick, and reports whole seconds, so neither its duration nor the call's wall time will do.
  let firstSentAt: bigint | null = null;
  let lastAnsweredAt = 0n;
  let acknowledged = 0;
  let invalid = 0;
  let invalidExample: string | null = null;
  const interactionHistogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

  type Context = { scope: string; startedAt: bigint };
  const requests = sequence.map((captured, index) => {
    const headers = { ...captured.headers };
    if (!options.acceptEncoding) delete headers['accept-encoding'];
    return {
      method: captured.method as autocannon.Request['method'],
      path: captured.path,
      headers,
      body: captured.body ?? undefined,
      setupRequest: (request: autocannon.Request, context: Context) => {
        firstSentAt ??= process.hrtime.bigint();
        if (index === 0) {
          context.scope = options.scopePrefix + (nextScope++).toString(36).padStart(SCOPE_COUNTER_DIGITS, '0');
          context.startedAt = process.hrtime.bigint();
        }
        if (captured.body) request.body = captured.body.replaceAll(CAPTURE_SCOPE, context.scope);
        return request;
      },
      onResponse: (status: number, _body: string, context: Context, headers: Record<string, string>) => {
        lastAnsweredAt = process.hrtime.bigint();
        const problem = responseProblem(captured.expect, status, headers);
        if (problem) {
          invalid++;
          invalidExample ??= `${captured.method} ${captured.path}: ${problem}`;
        }
        if (index === mutating && status >= 200 && status < 300) acknowledged++;
        if (index === last) interactionHistogram.recordValue(Number((process.hrtime.bigint() - context.startedAt) / 1000n));
      },
    };
  });

  const cpuBefore = process.cpuUsage();
  // autocannon ignores a `path` option: the first path goes in `url`, every request names its own.
  const result = await autocannon({
    url: `${options.origin}${sequence[0]!.path}`,
    connections: options.connections,
    requests: requests as unknown as autocannon.Request[],
    ...(options.interactions !== undefined ? { amount: options.interactions * sequence.length } : { duration: options.durationSeconds ?? 10 }),
    ...(options.ratePerSecond !== undefined ? { overallRate: options.ratePerSecond * sequence.length } : {}),
    timeout: 10,
  });
  const cpu = process.cpuUsage(cpuBefore);

  const totalRequests = result.requests.total;
  const interactions = interactionHistogram.totalCount;
  const seconds = firstSentAt === null ? result.duration : Number(lastAnsweredAt - firstSentAt) / 1e9;
  const interactionPercentile = (p: number) => interactionHistogram.getValueAtPercentile(p) / 1000;
  const replayResult: ReplayResult = {
    durationSeconds: seconds,
    requestsPerInteraction: sequence.length,
    totalRequests,
    requestsPerSec: totalRequests / seconds,
    interactionsPerSec: interactions / seconds,
    latencyMs: toPercentiles(result.latency),
    interactionLatencyMs: interactions
      ? { p50: interactionPercentile(50), p90: interactionPercentile(90), p99: interactionPercentile(99), p99_9: interactionPercentile(99.9) }
      : { p50: 0, p90: 0, p99: 0, p99_9: 0 },
    bytesPerRequest: totalRequests ? result.throughput.total / totalRequests : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    invalid,
    invalidExample,
    acknowledged,
    // Over the measured window: the CPU autocannon spends around it (setup, the idle tick) is small.
    loadGeneratorCpu: (cpu.user + cpu.system) / 1e6 / seconds,
  };
  interactionHistogram.destroy();
  return replayResult;
}
