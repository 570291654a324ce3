'use client';

import { useRouter } from 'next/navigation';
import { fetchJson } from '../../../lib/client/fetch-json';
import type { Item } from '../../../lib/services/items';
import { AddItem } from '../../revalidate/add-item';
import { itemPath } from '../item-path';

/** POST, then navigate: the created item's page is a second request. */
export function CreateViaRoute({ scope }: { scope: string }) {
  const router = useRouter();
  return (
    <AddItem
      scope={scope}
      add={async (itemScope, text) => {
        const { item } = await fetchJson<{ item: Item }>('/api/redirect', {
          method: 'POST',
          body: { scope: itemScope, text },
        });
        router.push(itemPath('route', item.id, itemScope));
      }}
    />
  );
}
