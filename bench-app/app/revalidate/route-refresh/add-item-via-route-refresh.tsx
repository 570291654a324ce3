'use client';

import { useRouter } from 'next/navigation';
import { AddItem } from '../add-item';
import { postItem } from '../items-api';

export function AddItemViaRouteRefresh({ scope }: { scope: string }) {
  const router = useRouter();
  return (
    <AddItem
      scope={scope}
      add={async (itemScope, text) => {
        await postItem(itemScope, text);
        router.refresh();
      }}
    />
  );
}
