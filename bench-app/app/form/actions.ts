'use server';

import { submitSignup, type SignupOutcome } from '../../lib/services/signup';

/** useActionState's signature: the previous outcome, then the submitted form. */
export async function signupAction(_previous: SignupOutcome | null, form: FormData): Promise<SignupOutcome> {
  return submitSignup(form.get('scope'), { name: form.get('name'), email: form.get('email') });
}
