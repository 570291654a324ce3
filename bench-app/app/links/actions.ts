'use server';

import { revalidatePath } from 'next/cache';
import { addItem } from '../../lib/services/items';

/** revalidate's action on the page with links: the invalidation makes the router re-prefetch them. */
export async function addLinkedItemAction(scope: string, text: string): Promise<void> {
  await addItem({ scope, text }, 'links');
  revalidatePath('/links/action');
}
