import type { InputHTMLAttributes } from 'react';

/** The form's fields every variant shows; `input` is what differs (a named field, or a controlled one). */
export function MessageFields(props: {
  pending: boolean;
  error: string | null;
  input: InputHTMLAttributes<HTMLInputElement>;
}) {
  return (
    <>
      <label>
        message <input name="message" required maxLength={200} {...props.input} />
      </label>{' '}
      <button type="submit" disabled={props.pending}>
        Sign
      </button>
      {props.error && <p role="alert">{props.error}</p>}
    </>
  );
}
