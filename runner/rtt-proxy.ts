import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { onCleanup } from './cleanup';

/**
 * A loopback TCP proxy that delays every chunk by rtt/2 in each direction, like netem would: a request that
 * streams its response pays the RTT on top of server time, not instead of it. (Chromium's CDP latency
 * emulation only holds the response headers back until `latency` has passed, so server time and streamed
 * bodies hide inside it; see the README's "RTT emulation".) The relay runs in a worker thread.
 */
export interface RttProxy {
  origin: string;
  setRtt(rttMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRttProxy(upstreamPort: number): Promise<RttProxy> {
  const worker = new Worker(new URL('./rtt-proxy-worker.mjs', import.meta.url), { workerData: { upstreamPort } });
  const [{ listening }] = (await once(worker, 'message')) as [{ listening: number }];
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
      worker.postMessage({ rttMs });
      await once(worker, 'message');
    },
    close,
  };
}
