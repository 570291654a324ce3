'use client';

import { useState } from 'react';
import { formDataAction, oneArgumentAction, twoArgumentsAction } from './actions';

/**
 * Not a scenario: a probe for the micro suite's "large plain-string argument refused" result. It sends `chars`
 * characters to a real action, as its only argument, beside a second one, or as FormData, and shows what arrived.
 */
export function PayloadProbe({ chars }: { chars: number }) {
  const [outcome, setOutcome] = useState('');
  const send = async (how: 'one' | 'two' | 'form') => {
    const text = 'x'.repeat(chars);
    const form = new FormData();
    form.append('text', text);
    const sent = {
      one: () => oneArgumentAction(text),
      two: () => twoArgumentsAction('', text),
      form: () => formDataAction(form),
    }[how];
    try {
      setOutcome(`received ${await sent()}`);
    } catch {
      setOutcome('refused');
    }
  };
  return (
    <main>
      <button onClick={() => send('one')}>one</button>
      <button onClick={() => send('two')}>two</button>
      <button onClick={() => send('form')}>form</button>
      <output aria-label="payload">{outcome}</output>
    </main>
  );
}
