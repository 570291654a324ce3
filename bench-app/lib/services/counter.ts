import { z } from 'zod';
import { db, writeReturning } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

const IncrementInput = z.object({ scope: Scope });

export function readCounter(scope: string): number {
  const row = db().prepare('SELECT value FROM counters WHERE scope = ?').get(scope) as { value: number } | undefined;
  return row?.value ?? 0;
}

/** Adds one to the scope's counter and returns the new value. */
export async function incrementCounter(input: unknown): Promise<number> {
  const { scope } = parseInput(IncrementInput, input);
  await serverWork();
  const row = writeReturning<{ value: number }>(
    `INSERT INTO counters (scope, value) VALUES (?, 1)
     ON CONFLICT (scope) DO UPDATE SET value = value + 1
     RETURNING value`,
    scope,
  );
  return row.value;
}
