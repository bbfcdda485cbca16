import { describe, expect, it } from "vitest";
import type { AccountStatus } from "./account-status.js";
import { CachedAccountStatus } from "./cached-account-status.js";

function setUp(ttlMs?: number) {
  let now = 1_000_000;
  let status: AccountStatus | undefined = { disabled: false };
  let lookups = 0;
  const cache = new CachedAccountStatus(
    async () => {
      lookups += 1;
      return status;
    },
    { ttlMs, now: () => now, maxEntries: 2 },
  );
  return {
    cache,
    lookups: () => lookups,
    set: (next: AccountStatus | undefined) => {
      status = next;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("CachedAccountStatus", () => {
  it("asks once per user per minute, concurrent requests sharing the lookup", async () => {
    const { cache, lookups, advance } = setUp();
    await Promise.all([cache.isActive("u", 1), cache.isActive("u", 1), cache.isActive("u", 1)]);
    expect(lookups()).toBe(1);
    advance(59_999);
    await cache.isActive("u", 1);
    expect(lookups()).toBe(1);
    advance(1);
    await cache.isActive("u", 1);
    expect(lookups()).toBe(2);
  });

  it("never caches longer than a minute, whatever it is told", async () => {
    const { cache, lookups, advance, set } = setUp(10 * 60_000);
    await expect(cache.isActive("u", 1)).resolves.toBe(true);
    set({ disabled: true });
    advance(60_000);
    await expect(cache.isActive("u", 1)).resolves.toBe(false);
    expect(lookups()).toBe(2);
  });

  it("refuses deleted accounts and sessions signed in before a revocation", async () => {
    const { cache, set, advance } = setUp();
    set({ disabled: false, validAfterMs: 5_000_000 });
    await expect(cache.isActive("a", 4_999)).resolves.toBe(false);
    await expect(cache.isActive("a", 5_000)).resolves.toBe(true);
    set(undefined);
    advance(60_000);
    await expect(cache.isActive("a", 5_000)).resolves.toBe(false);
  });

  it("forgets the oldest user beyond its bound", async () => {
    const { cache, lookups } = setUp();
    await cache.isActive("a", 1);
    await cache.isActive("b", 1);
    await cache.isActive("c", 1);
    await cache.isActive("a", 1);
    expect(lookups()).toBe(4);
  });
});
