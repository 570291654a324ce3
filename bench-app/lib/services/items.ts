import { z } from 'zod';
import { db } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

export interface Item {
  id: number;
  text: string;
}

const AddItemInput = z.object({ scope: Scope, text: z.string().trim().min(1).max(200) });

export function listItems(scope: unknown): Item[] {
  return db()
    .prepare('SELECT id, text FROM items WHERE scope = ? ORDER BY id')
    .all(parseInput(Scope, scope)) as Item[];
}

/** Appends an item to the scope's list; returns it with the (validated) scope it went to. */
export async function addItem(input: unknown): Promise<{ scope: string; item: Item }> {
  const { scope, text } = parseInput(AddItemInput, input);
  await serverWork();
  const item = db().prepare('INSERT INTO items (scope, text) VALUES (?, ?) RETURNING id, text').get(scope, text) as Item;
  return { scope, item };
}

/** One item of the scope's list, or undefined. */
export function readItem(scope: unknown, id: number): Item | undefined {
  return db().prepare('SELECT id, text FROM items WHERE scope = ? AND id = ?').get(parseInput(Scope, scope), id) as Item | undefined;
}
