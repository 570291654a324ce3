import autocannon from 'autocannon';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { arrivalTimes, runOpenModel } from '../../runner/measure/http/open-model';

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * A server that answers at once, except during one stall of S ms that starts `stallAfterMs` after its first
 * request: everything that arrives during the stall is answered when it ends (a GC pause, a lock, a deploy).
 */
async function stallingServer(stallAfterMs: number, stallMs: number) {
  let firstMs: number | null = null;
  const server = http.createServer((request, response) => {
    request.resume();
    const now = nowMs();
    firstMs ??= now;
    const stallStart = firstMs + stallAfterMs;
    const waitMs = now >= stallStart && now < stallStart + stallMs ? stallStart + stallMs - now : 0;
    setTimeout(() => response.end('ok'), waitMs);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let close: (() => void) | undefined;
afterEach(() => close?.());

const RATE = 200;
const STALL_MS = 400;

describe('open model', () => {
  it('schedules constant arrivals exactly and Poisson arrivals reproducibly with the right mean', () => {
    expect(arrivalTimes({ ratePerSecond: 50, durationSeconds: 2, arrivals: 'constant', seed: 1 })).toHaveLength(100);
    const poisson = arrivalTimes({ ratePerSecond: 1000, durationSeconds: 20, arrivals: 'poisson', seed: 7 });
    expect(poisson).toEqual(arrivalTimes({ ratePerSecond: 1000, durationSeconds: 20, arrivals: 'poisson', seed: 7 }));
    // 20,000 expected arrivals; Poisson SD ~141.
    expect(Math.abs(poisson.length - 20_000)).toBeLessThan(600);
  });

  it('known answer: a stall of S ms at R/s delays about R*S/1000 interactions by up to S ms', async () => {
    const { server, origin } = await stallingServer(1000, STALL_MS);
    close = () => server.close();
    const result = await runOpenModel({
      origin,
      ratePerSecond: RATE,
      durationSeconds: 2.5,
      arrivals: 'constant',
      seed: 1,
      maxConnections: 1000,
      timeoutMs: 5000,
      sequence: () => [{ method: 'GET', path: '/', headers: {}, body: null }],
      onResponse: () => undefined,
    });
    const expectedDelayed = (RATE * STALL_MS) / 1000; // 80
    const delayed = result.latenciesMs.filter((latency) => latency > 20);
    expect(result.completed).toBe(result.scheduled);
    expect(result.dropped).toBe(0);
    expect(delayed.length).toBeGreaterThan(expectedDelayed * 0.8);
    expect(delayed.length).toBeLessThan(expectedDelayed * 1.2);
    // The first arrival of the stall waits about S, later ones less: the delays spread evenly from 0 to S.
    expect(result.latencyMs.max).toBeGreaterThan(STALL_MS * 0.9);
    expect(result.latencyMs.max).toBeLessThan(STALL_MS * 1.25);
    const meanDelay = delayed.reduce((sum, value) => sum + value, 0) / delayed.length;
    expect(meanDelay).toBeGreaterThan(STALL_MS * 0.35);
    expect(meanDelay).toBeLessThan(STALL_MS * 0.65);
    expect(result.maxConnectionsUsed).toBeGreaterThan(expectedDelayed * 0.8);
    expect(result.requestBytes).toBeGreaterThan(0);
    expect(result.responseBytes).toBeGreaterThan(0);
  });

  it('the same stall seen by a closed model (autocannon, one connection) is one slow request', async () => {
    const { server, origin } = await stallingServer(1000, STALL_MS);
    close = () => server.close();
    const latencies: number[] = [];
    type Context = { sentMs: number };
    await autocannon({
      url: `${origin}/`,
      connections: 1,
      duration: 2.5,
      requests: [
        {
          setupRequest: (request: autocannon.Request, context: Context) => {
            context.sentMs = nowMs();
            return request;
          },
          onResponse: (_status: number, _body: string, context: Context) => latencies.push(nowMs() - context.sentMs),
        },
      ] as unknown as autocannon.Request[],
    });
    expect(latencies.filter((latency) => latency > 100)).toHaveLength(1);
  });
});
