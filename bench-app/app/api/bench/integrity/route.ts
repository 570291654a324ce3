import { persistedUnder } from '../../../../lib/services/integrity';

export const dynamic = 'force-dynamic';

/**
 * What a deployment persisted under a load test's scope prefix, so acknowledged can be compared with persisted
 * after a distributed run. Off unless the deployment sets BENCH_INTEGRITY=1: it reads every scope's rows.
 */
export function GET(request: Request): Response {
  if (process.env.BENCH_INTEGRITY !== '1')
    return new Response('integrity endpoint disabled: set BENCH_INTEGRITY=1', { status: 404 });
  const prefix = new URL(request.url).searchParams.get('prefix') ?? '';
  if (!/^[a-z0-9]{3,10}$/.test(prefix)) return Response.json({ error: 'prefix: 3 to 10 of [a-z0-9]' }, { status: 400 });
  return Response.json({ prefix, scenarios: persistedUnder(prefix) }, { headers: { 'cache-control': 'no-store' } });
}
