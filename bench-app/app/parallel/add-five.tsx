'use client';

import { useState } from 'react';
import type { Item } from '../../lib/services/items';
import { ItemList } from '../revalidate/item-list';

/** The batch's five items, lettered: the probe waits for all five. */
export const BATCH = ['a', 'b', 'c', 'd', 'e'] as const;

/**
 * Five mutations at once (Promise.all), each item shown as soon as its own answer arrives; only `add` differs
 * between variants.
 */
export function AddFive(props: {
  scope: string;
  initial: Item[];
  add: (scope: string, text: string) => Promise<Item>;
}) {
  const [items, setItems] = useState(props.initial);
  const [batch, setBatch] = useState('');
  return (
    <>
      <ItemList items={items} />
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          await Promise.all(
            BATCH.map(async (letter) => {
              const item = await props.add(props.scope, `${batch}-${letter}`);
              setItems((shown) => [...shown, item]);
            }),
          );
        }}
      >
        <input aria-label="batch" value={batch} onChange={(event) => setBatch(event.target.value)} />
        <button type="submit">Add 5</button>
      </form>
    </>
  );
}
