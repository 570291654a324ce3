'use client';

import { useState } from 'react';
import type { Item } from '../../../lib/services/items';
import { AddItem } from '../add-item';
import { ItemList } from '../item-list';
import { postItemReturningList } from '../items-api';

export function ItemsViaRouteJson({ scope, initial }: { scope: string; initial: Item[] }) {
  const [items, setItems] = useState(initial);
  return (
    <>
      <ItemList items={items} />
      <AddItem
        scope={scope}
        add={async (itemScope, text) => setItems((await postItemReturningList(itemScope, text)).items)}
      />
    </>
  );
}
