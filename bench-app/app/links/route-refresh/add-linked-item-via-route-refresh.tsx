'use client';

import { useRouter } from 'next/navigation';
import { AddItem } from '../../revalidate/add-item';
import { postLinkedItem } from '../items-api';

export function AddLinkedItemViaRouteRefresh({ scope }: { scope: string }) {
  const router = useRouter();
  return (
    <AddItem
      scope={scope}
      add={async (itemScope, text) => {
        await postLinkedItem(itemScope, text);
        router.refresh();
      }}
    />
  );
}
