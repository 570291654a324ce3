import { APP_DIR } from '../fixture/app-server';
import { actionId, callAction } from './action-request';

/** The scope the fixture's opt-in cached route lists (bench-app/app/api/probe/cached-items). */
const CACHED_SCOPE = 'probe-cached';

export interface CachingProbe {
  action: { method: 'POST'; status: number; cacheControl: string | null };
  /** A plain GET Route Handler, and the fixture's one that opts into caching (the control). */
  routes: {
    route: 'default' | 'opt-in';
    path: string;
    status: number;
    cacheControl: string | null;
    freshAfterMutation: boolean;
  }[];
}

const timeout = () => AbortSignal.timeout(10_000);

async function itemCount(url: string): Promise<{ status: number; cacheControl: string | null; count: number }> {
  const response = await fetch(url, { signal: timeout() });
  const { items } = (await response.json()) as { items: unknown[] };
  return { status: response.status, cacheControl: response.headers.get('cache-control'), count: items.length };
}

async function addItem(origin: string, scope: string): Promise<void> {
  const response = await fetch(`${origin}/api/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scope, text: 'c7' }),
    signal: timeout(),
  });
  if (response.status !== 201) throw new Error(`the caching probe could not add an item (status ${response.status})`);
}

/** Reads a GET Route Handler, mutates what it lists, reads again: fresh when the second read shows the mutation. */
async function readMutateRead(
  origin: string,
  route: 'default' | 'opt-in',
  path: string,
  scope: string,
): Promise<CachingProbe['routes'][number]> {
  const before = await itemCount(`${origin}${path}`);
  await addItem(origin, scope);
  const after = await itemCount(`${origin}${path}`);
  return {
    route,
    path,
    status: after.status,
    cacheControl: after.cacheControl,
    freshAfterMutation: after.count === before.count + 1,
  };
}

/** C7: what an action's response says about caching, and whether GET Route Handlers serve fresh data by default. */
export async function probeCaching(origin: string, appDir = APP_DIR): Promise<CachingProbe> {
  const response = await callAction(
    origin,
    '/counter/action',
    actionId('app/counter/actions.ts', 'incrementAction', appDir),
    ['probe-c7'],
  );
  await response.arrayBuffer();
  const defaultScope = `probe-c7-${Date.now().toString(36)}`;
  return {
    action: { method: 'POST', status: response.status, cacheControl: response.headers.get('cache-control') },
    routes: [
      await readMutateRead(origin, 'default', `/api/revalidate?scope=${defaultScope}`, defaultScope),
      await readMutateRead(origin, 'opt-in', '/api/probe/cached-items', CACHED_SCOPE),
    ],
  };
}
