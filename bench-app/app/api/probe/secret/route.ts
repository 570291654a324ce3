import { signWithSecret } from '../../../../lib/services/secret';

/** C13's Route Handler using the server-only secret. */
export async function POST(request: Request) {
  const { text } = (await request.json()) as { text: string };
  return Response.json({ signature: signWithSecret(text) });
}
