import { xoroshiro128plus } from 'pure-rand';

/** A seeded source of integers: the same seed gives the same plan and the same bootstrap CIs. */
export interface Random {
  /** A uniform integer in [0, below), for below up to 2^20 (bias under 2^-12; resampling indices need no more). */
  int(below: number): number;
}

export function seededRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed);
  // unsafeNext() yields a signed 32-bit integer; shifting to [0, 2^32) and scaling is the hot path of the bootstrap.
  return { int: (below) => Math.floor(((generator.unsafeNext() >>> 0) / 4294967296) * below) };
}

/** Fisher-Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
