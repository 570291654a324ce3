'use server';

import { addItem, type Item } from '../../lib/services/items';

export async function addParallelItemAction(scope: string, text: string): Promise<Item> {
  return (await addItem({ scope, text }, 'parallel')).item;
}
