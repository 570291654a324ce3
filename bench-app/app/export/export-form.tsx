'use client';

import { useRef, useState } from 'react';

/**
 * The export button every transport shares; only `download` differs. The file is saved as the browser saves a
 * generated file: a Blob behind a download link (the previous one is released).
 */
export function ExportForm(props: {
  scope: string;
  bytes: number;
  download: (scope: string, name: string) => Promise<Blob>;
}) {
  const [saved, setSaved] = useState<{ name: string; bytes: number; url: string } | null>(null);
  const [pending, setPending] = useState(false);
  const previous = useRef<string | null>(null);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const name = String(new FormData(event.currentTarget).get('name'));
        setPending(true);
        try {
          const blob = await props.download(props.scope, name);
          if (previous.current) URL.revokeObjectURL(previous.current);
          previous.current = URL.createObjectURL(blob);
          setSaved({ name, bytes: blob.size, url: previous.current });
        } finally {
          setPending(false);
        }
      }}
    >
      <p>
        Orders as CSV: <output aria-label="export size">{props.bytes}</output> bytes
      </p>
      <label>
        File name <input name="name" aria-label="file name" />
      </label>
      <button type="submit" disabled={pending}>
        Export
      </button>
      <p>
        <output aria-label="export">{saved && `Saved ${saved.name}.csv: ${saved.bytes} bytes`}</output>
      </p>
      {saved && (
        <a href={saved.url} download={`${saved.name}.csv`}>
          Save {saved.name}.csv again
        </a>
      )}
    </form>
  );
}
