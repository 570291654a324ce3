import { z } from 'zod';

/** Thrown when a transport hands the service input it must refuse; transports map it to their own error shape. */
export class InvalidInputError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(`invalid input: ${issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`);
    this.name = 'InvalidInputError';
  }
}

/** A scope isolates one page load's rows from every other's, so each measurement starts from a known state. */
export const Scope = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.-]+$/);

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues);
  return parsed.data;
}
