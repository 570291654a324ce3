'use client';

import type { SignupOutcome } from '../../lib/services/signup';

/** The fields, their errors and the saved result every transport shares; only the form's wiring differs. */
export function SignupFields({ outcome, pending }: { outcome: SignupOutcome | null; pending: boolean }) {
  const errors = outcome && !outcome.ok ? outcome.fieldErrors : {};
  return (
    <>
      <label>
        Name <input name="name" aria-label="name" />
      </label>
      {errors.name && <p aria-label="name error">{errors.name[0]}</p>}
      <label>
        Email <input name="email" aria-label="email" />
      </label>
      {errors.email && <p aria-label="email error">{errors.email[0]}</p>}
      <button type="submit" disabled={pending}>
        Sign up
      </button>
      <p>
        <output aria-label="saved">{outcome?.ok ? `Saved ${outcome.signup.name}` : ''}</output>
      </p>
    </>
  );
}
