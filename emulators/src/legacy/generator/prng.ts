import { hash32 } from "../../../../functions/src/shared/hash32.js";

/**
 * Seeded pseudo-random numbers. Every batch of generated rows gets its own stream derived from
 * (seed, table, batch number), so any batch can be regenerated on its own — which is what lets
 * a resumed seed skip finished batches without replaying the ones before them.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** sfc32: small, fast, passes PractRand far beyond what a seed needs, and exact in JS integers. */
function sfc32(a0: number, b0: number, c0: number, d0: number): () => number {
  let [a, b, c, d] = [a0, b0, c0, d0];
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
}

export function createPrng(seed: number, ...stream: (string | number)[]): Prng {
  const key = `${seed}|${stream.join("|")}`;
  const next = sfc32(hash32(key, 1), hash32(key, 2), hash32(key, 3), hash32(key, 4));
  for (let i = 0; i < 12; i += 1) next(); // warm-up: the first outputs of sfc32 correlate with the seed words
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick from an empty list");
      return item;
    },
  };
}

/** A categorical distribution: values with relative weights (they need not sum to 100). */
export interface WeightedTable<T> {
  values: readonly T[];
  cumulative: readonly number[];
  total: number;
}

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  let total = 0;
  const cumulative = entries.map(([, weight]) => {
    total += weight;
    return total;
  });
  return { values: entries.map(([value]) => value), cumulative, total };
}

export function pickWeighted<T>(prng: Prng, table: WeightedTable<T>): T {
  const target = prng.next() * table.total;
  const index = table.cumulative.findIndex((bound) => target < bound);
  const value = table.values[index === -1 ? table.values.length - 1 : index];
  if (value === undefined) throw new RangeError("pick from an empty weighted table");
  return value;
}
