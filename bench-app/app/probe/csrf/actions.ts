'use server';

import { incrementCounter } from '../../../lib/services/counter';

/** A form's action, as a page without JavaScript submits it: what C5's cross-site form tries to call. */
export async function incrementFromForm(form: FormData): Promise<void> {
  await incrementCounter({ scope: form.get('scope') });
}

/** Exported and imported by no client: C8 asks whether it is callable all the same. */
export async function incrementUnused(scope: string): Promise<number> {
  return incrementCounter({ scope });
}
