import { z } from 'zod';
import { db, writeReturning } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

export interface Item {
  id: number;
  text: string;
}

const AddItemInput = z.object({ scope: Scope, text: z.string().trim().min(1).max(200) });

/**
 * Each scenario that adds items keeps them in a list of its own, so that what one persisted is never counted as
 * another's (the integrity check of a load test counts rows per scenario under one scope prefix).
 */
export type ItemListName = 'revalidate' | 'redirect' | 'parallel' | 'nojs' | 'links';

export function listItems(scope: unknown, list: ItemListName = 'revalidate'): Item[] {
  return db()
    .prepare('SELECT id, text FROM items WHERE scope = ? AND list = ? ORDER BY id')
    .all(parseInput(Scope, scope), list) as Item[];
}

/** Appends an item to the scope's list; returns it with the (validated) scope it went to. */
export async function addItem(
  input: unknown,
  list: ItemListName = 'revalidate',
): Promise<{ scope: string; item: Item }> {
  const { scope, text } = parseInput(AddItemInput, input);
  await serverWork();
  const item = writeReturning<Item>(
    'INSERT INTO items (scope, text, list) VALUES (?, ?, ?) RETURNING id, text',
    scope,
    text,
    list,
  );
  return { scope, item };
}

/** One item of the scope's list, or undefined. */
export function readItem(scope: unknown, id: number, list: ItemListName): Item | undefined {
  return db()
    .prepare('SELECT id, text FROM items WHERE scope = ? AND id = ? AND list = ?')
    .get(parseInput(Scope, scope), id, list) as Item | undefined;
}
