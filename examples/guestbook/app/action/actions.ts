'use server';

import { revalidatePath } from 'next/cache';
import { sign, validMessage } from '../../lib/store';

/** Signs the guestbook; the page's list comes back re-rendered in this action's own response. */
export async function signAction(_previous: string | null, form: FormData): Promise<string | null> {
  const message = validMessage(form.get('message'));
  if (message === null) return 'Write a message of 1 to 200 characters.';
  sign(message);
  revalidatePath('/action');
  return null;
}
