'use client';

import { DeletableList } from '../deletable-list';

// DELETE, as a Route Handler for a delete is written; lib/client/fetch-json.ts only POSTs and GETs.
async function deleteViaRoute(scope: string, item: string): Promise<string[]> {
  const response = await fetch('/api/delete', {
    method: 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scope, item }),
  });
  if (!response.ok) throw new Error(`DELETE /api/delete answered ${response.status}`);
  return ((await response.json()) as { items: string[] }).items;
}

export function DeleteViaRoute(props: { scope: string; initial: string[] }) {
  return <DeletableList title="delete · Route Handler" {...props} remove={deleteViaRoute} />;
}
