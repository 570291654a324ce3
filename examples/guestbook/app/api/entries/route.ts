import { newest, sign, validMessage } from '../../../lib/store';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(newest());
}

/** Signs the guestbook: 201 with the entry, or 422 for a message that is not one. */
export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => null)) as { message?: unknown } | null;
  const message = validMessage(body?.message);
  if (message === null) return Response.json({ error: 'message: 1 to 200 characters' }, { status: 422 });
  return Response.json(sign(message), { status: 201 });
}
