'use client';

import { useState } from 'react';
import { signAction } from './actions';

/** Calls the action that uses the server-only secret, so its client reference is in this page's bundle. */
export function Sign() {
  const [signature, setSignature] = useState('');
  return (
    <p>
      <button type="button" onClick={async () => setSignature(await signAction('c13'))}>
        Sign
      </button>
      <output aria-label="signature">{signature}</output>
    </p>
  );
}
