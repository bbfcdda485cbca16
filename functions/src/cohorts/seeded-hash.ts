import { hash32 } from "../shared/hash32.js";

/**
 * A 32-bit hash of (seed, key): FNV-1a over the UTF-16 code units of `seed:key`, then the
 * murmur3 finaliser so neighbouring codes (1000001, 1000002) land far apart. Ranking customers
 * by it is a seeded shuffle that does not depend on the order the candidates arrive in, and any
 * integer seed is mixed in whole (it is hashed as text, not truncated to 32 bits).
 */
export function seededHash(seed: number, key: string): number {
  return hash32(`${seed}:${key}`);
}

/** Uniform in [0, 1), for fixtures and tie-breaks that want a number rather than a rank. */
export function seededUniform(seed: number, key: string): number {
  return seededHash(seed, key) / 4_294_967_296;
}
