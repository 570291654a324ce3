'use client';

import { useState, useTransition } from 'react';

/** The form every transport shares; only `add` differs between variants. */
export function AddItem(props: { scope: string; add: (scope: string, text: string) => Promise<unknown> }) {
  const [text, setText] = useState('');
  const [pending, startTransition] = useTransition();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          await props.add(props.scope, text);
          setText('');
        });
      }}
    >
      <input aria-label="new item" value={text} onChange={(event) => setText(event.target.value)} />
      <button type="submit" disabled={pending}>
        Add
      </button>
    </form>
  );
}
