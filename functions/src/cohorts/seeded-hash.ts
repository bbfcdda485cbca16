/**
 * A 32-bit hash of (seed, key): FNV-1a over the UTF-16 code units of `seed:key`, then the
 * murmur3 finaliser so neighbouring codes (1000001, 1000002) land far apart. Ranking customers
 * by it is a seeded shuffle that does not depend on the order the candidates arrive in, and any
 * integer seed is mixed in whole (it is hashed as text, not truncated to 32 bits).
 */
export function seededHash(seed: number, key: string): number {
  const text = `${seed}:${key}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform in [0, 1), for fixtures and tie-breaks that want a number rather than a rank. */
export function seededUniform(seed: number, key: string): number {
  return seededHash(seed, key) / 4_294_967_296;
}
