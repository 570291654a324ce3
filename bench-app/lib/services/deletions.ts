import { z } from 'zod';
import { db } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

/**
 * Every scope's list starts with the same items, so a delete needs no setup: a page load's scope shows them all, and
 * a load test's replay deletes the same item in a fresh scope.
 */
export const LISTED_ITEMS = Array.from({ length: 40 }, (_, index) => `item ${String(index + 1).padStart(2, '0')}`);

const DeleteInput = z.object({
  scope: Scope,
  item: z.string().refine((item) => LISTED_ITEMS.includes(item), 'not a listed item'),
});

/** The scope's items not deleted yet, in the list's order. */
export function remainingItems(scope: string): string[] {
  const rows = db().prepare('SELECT item FROM deletions WHERE scope = ?').all(scope) as { item: string }[];
  const deleted = new Set(rows.map((row) => row.item));
  return LISTED_ITEMS.filter((item) => !deleted.has(item));
}

/** Deletes an item from the scope's list (a row that records it, so a load test can count each) and returns the rest. */
export async function deleteItem(input: unknown): Promise<string[]> {
  const { scope, item } = parseInput(DeleteInput, input);
  await serverWork();
  db().prepare('INSERT INTO deletions (scope, item) VALUES (?, ?)').run(scope, item);
  return remainingItems(scope);
}
