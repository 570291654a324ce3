'use client';

import { useState } from 'react';
import { ScenarioPage } from '../scenario-page';

/** The counter UI every transport shares; only `increment` differs between variants. */
export function Counter(props: {
  title: string;
  scope: string;
  initial: number;
  increment: (scope: string) => Promise<number>;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <ScenarioPage title={props.title}>
      <p>
        Count: <output aria-label="count">{value}</output>
      </p>
      <button type="button" onClick={async () => setValue(await props.increment(props.scope))}>
        +1
      </button>
    </ScenarioPage>
  );
}
