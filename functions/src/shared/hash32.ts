/**
 * A 32-bit hash: FNV-1a over the UTF-16 code units of `key` (its offset basis XOR `salt`), then
 * the murmur3 finaliser for avalanche, so neighbouring keys (1000001, 1000002) land far apart.
 * Not for security: for seeded, order-independent shuffles and derived random streams.
 */
export function hash32(key: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
