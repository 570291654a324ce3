'use server';

import { revalidatePath } from 'next/cache';
import { addItem } from '../../lib/services/items';

/** Mutates, then revalidates: the re-rendered page travels back in this action's own response. */
export async function addItemAction(scope: string, text: string): Promise<void> {
  await addItem({ scope, text });
  revalidatePath('/revalidate/action');
}
