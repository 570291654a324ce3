'use client';

import { useState } from 'react';
import type { Upload } from '../../lib/services/uploads';

type Outcome = { saved: Upload } | { refused: { name: string; detail: string } };

/**
 * The upload form every transport shares; only `upload` differs. A transport that refuses the file (the action's
 * body limit) shows the refusal: that is the result the user gets, not a crash.
 */
export function UploadForm(props: { scope: string; upload: (form: FormData) => Promise<Upload> }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setPending(true);
        try {
          setOutcome({ saved: await props.upload(form) });
        } catch (error) {
          setOutcome({ refused: { name: String(form.get('name')), detail: (error as Error).message } });
        } finally {
          setPending(false);
        }
      }}
    >
      <input type="hidden" name="scope" value={props.scope} />
      <label>
        Name <input name="name" aria-label="name" />
      </label>
      <label>
        File <input type="file" name="file" aria-label="file" />
      </label>
      <button type="submit" disabled={pending}>
        Upload
      </button>
      <p>
        <output aria-label="upload">
          {outcome &&
            ('saved' in outcome
              ? `Saved ${outcome.saved.name}: ${outcome.saved.bytes} bytes`
              : `${outcome.refused.name} was not saved: the server refused it`)}
        </output>
      </p>
      {outcome && 'refused' in outcome && <p aria-label="refusal detail">{outcome.refused.detail}</p>}
    </form>
  );
}
