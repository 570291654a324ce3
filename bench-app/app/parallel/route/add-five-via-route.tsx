'use client';

import { fetchJson } from '../../../lib/client/fetch-json';
import type { Item } from '../../../lib/services/items';
import { AddFive } from '../add-five';

const postItem = async (scope: string, text: string) =>
  (await fetchJson<{ item: Item }>('/api/parallel', { method: 'POST', body: { scope, text } })).item;

export function AddFiveViaRoute(props: { scope: string; initial: Item[] }) {
  return <AddFive {...props} add={postItem} />;
}
