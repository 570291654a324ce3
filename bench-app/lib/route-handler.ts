import { InvalidInputError } from './services/validation';

/** Route Handler plumbing shared by every JSON endpoint: parse the body, map refused input to 400. */
export function jsonHandler(handle: (body: unknown, url: URL) => Promise<{ status?: number; json: unknown }>) {
  return async (request: Request): Promise<Response> => {
    try {
      const body = request.method === 'GET' ? undefined : await request.json().catch(() => null);
      const { status = 200, json } = await handle(body, new URL(request.url));
      return Response.json(json, { status });
    } catch (error) {
      if (error instanceof InvalidInputError) return Response.json({ error: error.message }, { status: 400 });
      throw error;
    }
  };
}
