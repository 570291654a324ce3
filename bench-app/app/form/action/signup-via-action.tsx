'use client';

import { useActionState } from 'react';
import { signupAction } from '../actions';
import { SignupFields } from '../signup-fields';

export function SignupViaAction({ scope }: { scope: string }) {
  const [outcome, formAction, pending] = useActionState(signupAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="scope" value={scope} />
      <SignupFields outcome={outcome} pending={pending} />
    </form>
  );
}
