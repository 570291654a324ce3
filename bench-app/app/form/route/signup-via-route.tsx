'use client';

import { useState } from 'react';
import type { SignupOutcome } from '../../../lib/services/signup';
import { SignupFields } from '../signup-fields';

/** 422 carries the field errors: it is an answer to show, not a failure. */
async function postSignup(form: FormData): Promise<SignupOutcome> {
  const response = await fetch('/api/form', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(form)),
  });
  if (response.status !== 201 && response.status !== 422) throw new Error(`POST /api/form answered ${response.status}`);
  return (await response.json()) as SignupOutcome;
}

export function SignupViaRoute({ scope }: { scope: string }) {
  const [outcome, setOutcome] = useState<SignupOutcome | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setPending(true);
        try {
          setOutcome(await postSignup(form));
        } finally {
          setPending(false);
        }
      }}
    >
      <input type="hidden" name="scope" value={scope} />
      <SignupFields outcome={outcome} pending={pending} />
    </form>
  );
}
