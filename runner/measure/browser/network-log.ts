import type { Page, Request } from 'playwright-core';
import type { RequestRecord } from '../../contract/results';

/** `POST /counter/action`: a request as messages name it. */
export const requestName = (request: Request): string => {
  const url = new URL(request.url());
  return `${request.method()} ${url.pathname}`;
};

/** Tracks a page's in-flight requests and records the ones started inside a capture window. */
export class NetworkLog {
  /** Each in-flight request with the promise its end resolves. */
  private readonly inFlight = new Map<Request, { done: Promise<void>; finish: () => void }>();
  private captured: Request[] | null = null;
  /** When the page last started a request (performance.now()). */
  private lastStartedAt = 0;

  constructor(page: Page) {
    page.on('request', (request) => {
      this.lastStartedAt = performance.now();
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      this.inFlight.set(request, { done, finish });
      this.captured?.push(request);
    });
    const finish = (request: Request) => {
      this.inFlight.get(request)?.finish();
      this.inFlight.delete(request);
    };
    page.on('requestfinished', finish);
    page.on('requestfailed', finish);
  }

  /**
   * Waits until no request is in flight (new ones started meanwhile are waited for too), at most `timeoutMs`.
   * Returns the requests still unanswered then, by name: empty when the page settled.
   */
  async settled(timeoutMs: number): Promise<string[]> {
    const deadline = performance.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const left = deadline - performance.now();
      if (left <= 0) return [...this.inFlight.keys()].map(requestName);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...this.inFlight.values()].map((entry) => entry.done)),
        new Promise((resolve) => (timer = setTimeout(resolve, left))),
      ]);
      clearTimeout(timer);
    }
    return [];
  }

  /**
   * Waits until no request is in flight and none has started for `quietMs` (counted from now at the earliest): the
   * requests a page sends on its own right after an interaction (prefetches) are then in the capture. At most
   * `timeoutMs`; returns the requests still unanswered then, as settled() does.
   */
  async quiet(quietMs: number, timeoutMs: number): Promise<string[]> {
    const deadline = performance.now() + timeoutMs;
    const since = performance.now();
    for (;;) {
      const unanswered = await this.settled(Math.max(deadline - performance.now(), 0));
      if (unanswered.length) return unanswered;
      const idleMs = performance.now() - Math.max(this.lastStartedAt, since);
      if (idleMs >= quietMs || performance.now() >= deadline) return [];
      await new Promise((resolve) => setTimeout(resolve, quietMs - idleMs));
    }
  }

  begin(): void {
    this.captured = [];
  }

  end(): Request[] {
    const captured = this.captured ?? [];
    this.captured = null;
    return captured;
  }
}

/** Requests as messages list them: `POST /api/counter -> 200, GET /x -> failed`, or `none`. */
export const requestsInWords = (requests: readonly RequestRecord[]): string =>
  requests.map((request) => `${request.method} ${request.path} -> ${request.status ?? 'failed'}`).join(', ') || 'none';

/** A finished request as a log record, its times relative to `zeroEpochMs` (the click, in wall-clock ms). */
export async function describeRequest(request: Request, zeroEpochMs: number): Promise<RequestRecord> {
  const timing = request.timing();
  const response = await request.response().catch(() => null);
  const startMs = timing.startTime - zeroEpochMs;
  const end = timing.responseEnd >= 0 ? timing.responseEnd : timing.responseStart;
  const url = new URL(request.url());
  return {
    method: request.method(),
    path: url.pathname + url.search,
    status: response?.status() ?? null,
    startMs,
    ...(timing.responseStart >= 0 ? { responseStartMs: startMs + timing.responseStart } : {}),
    endMs: startMs + Math.max(end, 0),
  };
}
