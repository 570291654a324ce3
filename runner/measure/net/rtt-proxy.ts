import { once } from 'node:events';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { onCleanup } from '../../core/cleanup';
import type { Bandwidth } from '../../contract/results';

/** Bytes and connections that passed the proxy since it started; differences of two readings attribute them. */
export interface LinkCounters {
  connections: number;
  toServerBytes: number;
  toClientBytes: number;
  /** Chunks held back, and how late past their due time they left in total: the emulation's own error. */
  delayedChunks: number;
  lateMsTotal: number;
}

/**
 * A loopback TCP proxy that behaves like a link with the given RTT, as netem would: every chunk is delayed by
 * rtt/2 in its direction (exact to a fraction of a millisecond, in order), and a new connection pays one RTT
 * for its handshake before its first byte. A request that streams its response pays the RTT on top of server
 * time, not instead of it. (Chromium's CDP latency emulation only holds the response headers back until
 * `latency` has passed, so server time and streamed bodies hide inside it; see the README's "RTT emulation".)
 * It also counts the bytes that really pass, headers and bodies, both directions. The relay runs in a worker
 * thread.
 */
export interface RttProxy {
  origin: string;
  setRtt(rttMs: number): Promise<void>;
  /** Limits each direction to its rate (null: no limit); pieces of 4 KB are serialized one after another. */
  setBandwidth(bandwidth: Bandwidth | null): Promise<void>;
  counters(): Promise<LinkCounters>;
  /** How late each of the last `count` delayed chunks (at most 256) left past its due time, ms, oldest first. */
  recentLatenessMs(count: number): Promise<number[]>;
  /** The relay thread's event-loop utilization, since an earlier reading if given: near 1 while it spins. */
  eventLoopUtilization(since?: EventLoopUtilization): EventLoopUtilization;
  close(): Promise<void>;
}

export async function startRttProxy(upstreamPort: number): Promise<RttProxy> {
  const worker = new Worker(new URL('./rtt-proxy-worker.mjs', import.meta.url), { workerData: { upstreamPort } });
  const [{ listening }] = (await once(worker, 'message')) as [{ listening: number }];
  type Reply = { id?: number; counters?: LinkCounters; recentLatenessMs?: number[] };
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let exited = false;
  const stopped = () => new Error('the RTT proxy has stopped');
  worker.on('message', (reply: Reply) => {
    if (reply.id === undefined) return;
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });
  // A question the stopped worker will never answer fails instead of hanging (Ctrl-C closes the proxy mid-interaction).
  worker.once('exit', () => {
    exited = true;
    for (const { reject } of pending.values()) reject(stopped());
    pending.clear();
  });
  let nextId = 0;
  const ask = (message: object) =>
    new Promise<Reply>((resolve, reject) => {
      if (exited) return reject(stopped());
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  const close = async () => {
    unregister();
    worker.postMessage({ close: true });
    await Promise.race([once(worker, 'exit'), new Promise((resolve) => setTimeout(resolve, 1000))]);
    await worker.terminate();
  };
  const unregister = onCleanup(close);
  return {
    origin: `http://127.0.0.1:${listening}`,
    async setRtt(rttMs) {
      await ask({ rttMs });
    },
    async setBandwidth(bandwidth) {
      await ask({ bandwidth });
    },
    async counters() {
      const reply = await ask({ counters: true });
      return reply.counters as LinkCounters;
    },
    async recentLatenessMs(count) {
      const { counters, recentLatenessMs: ring } = await ask({ counters: true, lateness: true });
      const kept = Math.min(count, ring!.length);
      const newest = counters!.delayedChunks;
      return Array.from({ length: kept }, (_, i) => ring![(newest - kept + i) % ring!.length]!);
    },
    eventLoopUtilization: (since) => worker.performance.eventLoopUtilization(since),
    close,
  };
}
