import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The server-side delay knob (BENCH_SERVER_DELAY_MS, default 0): simulated work that every transport pays
 * alike, because it sits in the service layer rather than in an action or a route handler.
 */
export async function serverWork(): Promise<void> {
  const delayMs = Number(process.env.BENCH_SERVER_DELAY_MS ?? 0);
  if (delayMs > 0) await sleep(delayMs);
}
