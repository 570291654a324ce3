import { seededRandom, type Random } from '../../runner/stats/random';

/** A standard normal draw from seeded uniforms (Box-Muller). */
export function normal(random: Random): number {
  const uniform = () => (random.int(1_000_000) + 0.5) / 1_000_000;
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Simulated page loads with the structure measured on the fixture: every page load shifts all its interactions by a
 * shared offset (JIT, GC, connection state: page-load medians spread with an sd of 2-4 ms, and one load in ten is
 * far off), interactions within a load are right-skewed (log-normal, about 1-2 ms MAD at 15 ms) with an occasional
 * GC stall, and a load now and then keeps one interaction fewer.
 */
export function pageLoad(random: Random, medianMs: number, perLoad: number): number[] {
  const offset = random.int(10) === 0 ? 6 * normal(random) : 2.5 * normal(random);
  const size = random.int(5) === 0 ? Math.max(1, perLoad - 1) : perLoad;
  return Array.from({ length: size }, () => {
    const stall = random.int(20) === 0 ? (random.int(1000) / 1000) * 10 : 0;
    return medianMs * Math.exp(0.08 * normal(random)) + offset + stall;
  });
}

/**
 * A page load as above that, with probability `outlierShare`, is twice as slow throughout (a GC or JIT storm, a
 * busy neighbour): the heavy tail real page-load medians show (one load of 98 ms among 44-63 ms).
 */
export function heavyTailedPageLoad(random: Random, medianMs: number, perLoad: number, outlierShare = 0.1): number[] {
  const load = pageLoad(random, medianMs, perLoad);
  return random.int(1000) < outlierShare * 1000 ? load.map((ms) => 2 * ms) : load;
}

export const pageLoads = (random: Random, count: number, medianMs: number, perLoad = 3): number[][] =>
  Array.from({ length: count }, () => pageLoad(random, medianMs, perLoad));

export { seededRandom };
