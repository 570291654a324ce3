'use client';

import { useActionState } from 'react';
import { signAction } from './actions';

export function SignForm() {
  const [error, action, pending] = useActionState(signAction, null);
  return (
    <form action={action}>
      <label>
        message <input name="message" required maxLength={200} />
      </label>{' '}
      <button type="submit" disabled={pending}>
        Sign
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
