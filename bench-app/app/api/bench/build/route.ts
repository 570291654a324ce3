import fs from 'node:fs';
import path from 'node:path';

export const dynamic = 'force-dynamic';

/**
 * Which build this server runs: captured action ids belong to one build (unless the action key is fixed, and
 * even then only to the same sources), so a replay checks this before it sends anything.
 */
export function GET(): Response {
  const distDir = process.env.BENCH_DIST_DIR ?? '.next';
  const buildId = fs.readFileSync(path.join(process.cwd(), distDir, 'BUILD_ID'), 'utf8').trim();
  return Response.json(
    { buildId, actionKeyFixed: Boolean(process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) },
    { headers: { 'cache-control': 'no-store' } },
  );
}
