'use server';

import { deleteItem } from '../../lib/services/deletions';

export async function deleteAction(scope: string, item: string): Promise<string[]> {
  return deleteItem({ scope, item });
}
