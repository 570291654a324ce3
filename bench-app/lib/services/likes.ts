import { z } from 'zod';
import { db, writeReturning } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

/** The scope's like, and how many times it was saved: the version tells a confirmed state from an optimistic one. */
export interface LikeState {
  liked: boolean;
  version: number;
}

const ToggleInput = z.object({ scope: Scope });

export function readLike(scope: string): LikeState {
  const row = db().prepare('SELECT liked, version FROM likes WHERE scope = ?').get(scope) as
    { liked: number; version: number } | undefined;
  return { liked: row?.liked === 1, version: row?.version ?? 0 };
}

/** Flips the scope's like and returns the saved state. */
export async function toggleLike(input: unknown): Promise<LikeState> {
  const { scope } = parseInput(ToggleInput, input);
  await serverWork();
  const row = writeReturning<{ liked: number; version: number }>(
    `INSERT INTO likes (scope, liked, version) VALUES (?, 1, 1)
     ON CONFLICT (scope) DO UPDATE SET liked = 1 - liked, version = version + 1
     RETURNING liked, version`,
    scope,
  );
  return { liked: row.liked === 1, version: row.version };
}
