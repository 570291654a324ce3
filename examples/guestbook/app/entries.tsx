import type { Entry } from '../lib/store';

export function Entries({ entries }: { entries: readonly Entry[] }) {
  return (
    <ul aria-label="entries">
      {entries.map((entry) => (
        <li key={entry.id}>{entry.message}</li>
      ))}
    </ul>
  );
}
