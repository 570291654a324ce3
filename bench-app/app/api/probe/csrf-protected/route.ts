import { incrementCounter } from '../../../../lib/services/counter';

/**
 * C5's control: /api/counter with the Origin check a team adds by hand (the browser's Origin must name this host).
 * The CSRF probe must report this route's cross-site requests as rejected.
 */
export async function POST(request: Request) {
  const origin = request.headers.get('origin');
  if (origin !== null && (origin === 'null' || new URL(origin).host !== request.headers.get('host'))) {
    return Response.json({ error: 'cross-site request refused' }, { status: 403 });
  }
  const body = (await request.json().catch(() => null)) as unknown;
  return Response.json({ value: await incrementCounter(body) });
}
