'use client';

import { useState } from 'react';
import type { Item } from '../../../lib/services/items';
import { AddItem } from '../../revalidate/add-item';
import { ItemList } from '../../revalidate/item-list';
import { postLinkedItemReturningList } from '../items-api';

/** The contrast: the list comes back in the response and the router is never refreshed, so nothing is re-prefetched. */
export function LinkedItemsViaRouteJson({ scope, initial }: { scope: string; initial: Item[] }) {
  const [items, setItems] = useState(initial);
  return (
    <>
      <ItemList items={items} />
      <AddItem
        scope={scope}
        add={async (itemScope, text) => setItems((await postLinkedItemReturningList(itemScope, text)).items)}
      />
    </>
  );
}
