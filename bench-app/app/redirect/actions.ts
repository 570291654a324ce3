'use server';

import { redirect } from 'next/navigation';
import { addItem } from '../../lib/services/items';
import { itemPath } from './item-path';

/** Creates, then redirects: the created item's page comes back in this action's own response. */
export async function createItemAction(scope: string, text: string): Promise<void> {
  const { item } = await addItem({ scope, text }, 'redirect');
  redirect(itemPath('action', item.id, scope));
}
