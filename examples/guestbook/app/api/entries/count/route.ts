import { countStartingWith } from '../../../../lib/store';

export const dynamic = 'force-dynamic';

/** How many entries start with ?prefix=: what mutation-bench counts to check that every answered write was kept. */
export function GET(request: Request): Response {
  const prefix = new URL(request.url).searchParams.get('prefix') ?? '';
  return Response.json({ count: countStartingWith(prefix) });
}
