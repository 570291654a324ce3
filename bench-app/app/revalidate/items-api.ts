import { fetchJson } from '../../lib/client/fetch-json';
import type { Item } from '../../lib/services/items';

// The Route Handler client shared by the route-* variants (the code a team writes when it has no actions).
export const postItem = (scope: string, text: string) =>
  fetchJson<{ item: Item }>('/api/revalidate', { method: 'POST', body: { scope, text } });

export const postItemReturningList = (scope: string, text: string) =>
  fetchJson<{ items: Item[] }>('/api/revalidate?return=list', { method: 'POST', body: { scope, text } });

export const getItems = (scope: string) =>
  fetchJson<{ items: Item[] }>(`/api/revalidate?scope=${encodeURIComponent(scope)}`);
