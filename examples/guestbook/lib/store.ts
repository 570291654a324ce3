import { SHOWN } from './shown';

/** A guestbook entry. */
export interface Entry {
  id: number;
  message: string;
}

/**
 * The guestbook's state, in this server process's memory: no database. Kept on globalThis so that every route
 * module of the build (pages, the action, the Route Handlers) shares one store.
 */
const store = ((globalThis as { guestbook?: { entries: Entry[]; nextId: number } }).guestbook ??= {
  entries: [],
  nextId: 1,
});

export function sign(message: string): Entry {
  const entry = { id: store.nextId++, message };
  store.entries.push(entry);
  return entry;
}

/** The newest entries, oldest first. */
export const newest = (): Entry[] => store.entries.slice(-SHOWN);

export const countStartingWith = (prefix: string): number =>
  store.entries.filter((entry) => entry.message.startsWith(prefix)).length;

export function reset(): void {
  store.entries = [];
}

/** A message as the guestbook takes it: 1 to 200 characters of text. */
export function validMessage(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= 200 ? value.trim() : null;
}
