import type { ReactNode } from 'react';

/** A plain HTML form: it works with JavaScript disabled, posting to `action` (an action, or a Route Handler's URL). */
export function PlainForm({
  scope,
  action,
}: {
  scope: string;
  action: string | ((form: FormData) => Promise<void>);
}): ReactNode {
  return (
    <form action={action} method="post">
      <input type="hidden" name="scope" value={scope} />
      <input name="text" aria-label="new item" />
      <button type="submit">Add</button>
    </form>
  );
}
