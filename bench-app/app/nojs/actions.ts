'use server';

import { revalidatePath } from 'next/cache';
import { addItem } from '../../lib/services/items';

/** A form's action: without JavaScript the browser posts the form, and the page answers re-rendered with the item. */
export async function addItemFormAction(form: FormData): Promise<void> {
  await addItem({ scope: form.get('scope'), text: form.get('text') }, 'nojs');
  revalidatePath('/nojs/action');
}
