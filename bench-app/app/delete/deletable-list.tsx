'use client';

import { useState } from 'react';
import { ScenarioPage } from '../scenario-page';

/** The list every transport shares; only `remove` differs between variants. */
export function DeletableList(props: {
  title: string;
  scope: string;
  initial: string[];
  remove: (scope: string, item: string) => Promise<string[]>;
}) {
  const [items, setItems] = useState(props.initial);
  return (
    <ScenarioPage title={props.title}>
      <ul aria-label="remaining">
        {items.map((item) => (
          <li key={item}>
            <span>{item}</span>{' '}
            <button
              type="button"
              aria-label={`delete ${item}`}
              onClick={async () => setItems(await props.remove(props.scope, item))}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </ScenarioPage>
  );
}
