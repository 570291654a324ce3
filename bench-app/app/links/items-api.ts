import { fetchJson } from '../../lib/client/fetch-json';
import type { Item } from '../../lib/services/items';

export const postLinkedItem = (scope: string, text: string) =>
  fetchJson<{ item: Item }>('/api/links', { method: 'POST', body: { scope, text } });

export const postLinkedItemReturningList = (scope: string, text: string) =>
  fetchJson<{ items: Item[] }>('/api/links?return=list', { method: 'POST', body: { scope, text } });
