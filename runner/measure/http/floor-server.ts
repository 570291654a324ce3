/**
 * The floor: the fixture's Route Handler endpoints on a bare node:http server, over the same service functions
 * and the same SQLite database. What is left when the framework is taken away. Port: last argument.
 */
import http from 'node:http';
import { incrementCounter } from '../../../bench-app/lib/services/counter';
import { addItem, listItems } from '../../../bench-app/lib/services/items';
import { InvalidInputError } from '../../../bench-app/lib/services/validation';

type Handler = (body: unknown, url: URL) => Promise<{ status?: number; json: unknown }>;

const ROUTES: Record<string, Handler> = {
  'POST /api/counter': async (body) => ({ json: { value: await incrementCounter(body) } }),
  'GET /api/revalidate': async (_body, url) => ({ json: { items: listItems(url.searchParams.get('scope')) } }),
  'POST /api/revalidate': async (body, url) => {
    const { scope, item } = await addItem(body);
    return { status: 201, json: url.searchParams.get('return') === 'list' ? { items: listItems(scope) } : { item } };
  },
};

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://floor');
  const handler = ROUTES[`${request.method} ${url.pathname}`];
  const send = (status: number, json: unknown) => {
    const body = JSON.stringify(json);
    response
      .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      .end(body);
  };
  if (!handler) return send(404, { error: 'not found' });
  try {
    const { status = 200, json } = await handler(request.method === 'GET' ? undefined : await readJson(request), url);
    send(status, json);
  } catch (error) {
    send(error instanceof InvalidInputError ? 400 : 500, { error: (error as Error).message });
  }
});

server.listen(Number(process.argv.at(-1)), '127.0.0.1');
