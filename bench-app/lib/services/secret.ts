import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * C13's planted secret: a server-only value (set by the harness at build and at start, as a .env would be) that an
 * action and a Route Handler both use. The probe checks it reaches no client chunk and no byte the browser loads.
 */
export function signWithSecret(text: string): string {
  const secret = process.env.BENCH_PROBE_SECRET;
  if (!secret) throw new Error('BENCH_PROBE_SECRET is not set');
  return createHmac('sha256', secret).update(text).digest('hex');
}
