'use client';

import { useActionState } from 'react';
import { MessageFields } from '../message-fields';
import { signAction } from './actions';

export function SignForm() {
  const [error, action, pending] = useActionState(signAction, null);
  return (
    <form action={action}>
      <MessageFields pending={pending} error={error} input={{}} />
    </form>
  );
}
