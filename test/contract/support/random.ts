/** A seeded source of numbers in [0, 1): the same seed gives the same sequence. */
export type Random = () => number;

/** mulberry32: small, fast and good enough to drive test-data generators reproducibly. */
export function seededRandom(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) {
    throw new Error('pick from an empty list');
  }
  return item;
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random() < p;
}

/** The seed of this run: FC_SEED when set (to replay a failure), otherwise a fresh one. */
export function runSeed(): number {
  const fromEnv = process.env.FC_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed)) {
      throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(fromEnv)}`);
    }
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}
