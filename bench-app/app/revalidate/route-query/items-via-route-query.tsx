'use client';

import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Item } from '../../../lib/services/items';
import { AddItem } from '../add-item';
import { ItemList } from '../item-list';
import { getItems, postItem } from '../items-api';

export function ItemsViaRouteQuery(props: { scope: string; initial: Item[] }) {
  // Only invalidation refetches: a focus or mount refetch would add a GET the interaction did not cause.
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <ItemsPanel {...props} />
    </QueryClientProvider>
  );
}

function ItemsPanel({ scope, initial }: { scope: string; initial: Item[] }) {
  const queryClient = useQueryClient();
  const queryKey = ['items', scope];
  const items = useQuery({ queryKey, queryFn: async () => (await getItems(scope)).items, initialData: initial });
  const addItem = useMutation({
    mutationFn: ({ itemScope, text }: { itemScope: string; text: string }) => postItem(itemScope, text),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  return (
    <>
      <ItemList items={items.data} />
      <AddItem scope={scope} add={(itemScope, text) => addItem.mutateAsync({ itemScope, text })} />
    </>
  );
}
