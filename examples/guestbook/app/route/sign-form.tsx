'use client';

import { useState, useTransition } from 'react';
import { SHOWN } from '../../lib/shown';
import type { Entry } from '../../lib/store';
import { Entries } from '../entries';
import { MessageFields } from '../message-fields';

/** Posts to the Route Handler and shows its answer: the list is this component's state after the first render. */
export function GuestbookViaRoute({ initial }: { initial: Entry[] }) {
  const [entries, setEntries] = useState(initial);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Entries entries={entries} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const response = await fetch('/api/entries', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ message }),
            });
            if (!response.ok) {
              setError('Write a message of 1 to 200 characters.');
              return;
            }
            const entry = (await response.json()) as Entry;
            setError(null);
            setEntries((shown) => [...shown, entry].slice(-SHOWN));
            setMessage('');
          });
        }}
      >
        <MessageFields
          pending={pending}
          error={error}
          input={{ value: message, onChange: (event) => setMessage(event.target.value) }}
        />
      </form>
    </>
  );
}
