'use client';

import { signWithSecret } from '../../../lib/services/secret';

/** The mistake C13's guard must stop: a client component importing the server-only module that holds the secret. */
export function Leak() {
  return <output>{signWithSecret('leak')}</output>;
}
