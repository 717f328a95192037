// A small seeded random generator for property tests (mulberry32): the same seed gives the same scenario, so a
// failing seed printed by a test reproduces exactly.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** Runs body for each seed; a failure names the seed that broke it. */
export function forSeeds(count: number, body: (r: Random, seed: number) => void, first = 1): void {
  for (let seed = first; seed < first + count; seed++) {
    try {
      body(seeded(seed), seed);
    } catch (e) {
      (e as Error).message = `seed ${seed}: ${(e as Error).message}`;
      throw e;
    }
  }
}
