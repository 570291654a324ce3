import { xoroshiro128plus } from 'pure-rand';

/** A seeded source of integers: the same seed gives the same plan and the same arrival times. */
export interface Random {
  /** A uniform integer in [0, below), for below up to 2^20 (bias under 2^-12: shuffles and simulations need no more). */
  int(below: number): number;
  /** A uniform number in [0, 1) with 32 bits of resolution. */
  uniform(): number;
}

export function seededRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed);
  // unsafeNext() yields a signed 32-bit integer: shifted to [0, 2^32) and scaled to [0, 1).
  const uniform = () => (generator.unsafeNext() >>> 0) / 4294967296;
  return { int: (below) => Math.floor(uniform() * below), uniform };
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
