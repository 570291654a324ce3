import { z } from 'zod';
import { writeReturning } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

const SignupFields = z.object({
  name: z.string().trim().min(2, 'Name needs at least 2 characters').max(60, 'Name takes at most 60 characters'),
  // The message echoes the value, so every refused submission shows a text of its own (the probe's end).
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` })),
});

export type SignupField = keyof z.infer<typeof SignupFields>;
export type FieldErrors = Partial<Record<SignupField, string[]>>;
export interface Signup {
  id: number;
  name: string;
  email: string;
}

/** Either the stored signup or, for input a user got wrong, the messages to show next to each field. */
export type SignupOutcome = { ok: true; signup: Signup } | { ok: false; fieldErrors: FieldErrors };

/** Validates a signup on the server and stores it; refused input persists nothing. */
export async function submitSignup(scope: unknown, fields: unknown): Promise<SignupOutcome> {
  const validScope = parseInput(Scope, scope);
  const parsed = SignupFields.safeParse(fields);
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  await serverWork();
  const signup = writeReturning<Signup>(
    'INSERT INTO signups (scope, name, email) VALUES (?, ?, ?) RETURNING id, name, email',
    validScope,
    parsed.data.name,
    parsed.data.email,
  );
  return { ok: true, signup };
}
