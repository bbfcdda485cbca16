import { describe, expect, it } from "vitest";
import { Doorbell } from "./doorbell.js";

describe("Doorbell", () => {
  it("does not lose a ring that came before the wait started", async () => {
    const bell = new Doorbell();
    const seen = bell.rings;
    bell.ring();
    let woke = false;
    await bell.waitSince(seen, 60_000).then(() => {
      woke = true;
    });
    expect(woke).toBe(true);
  });

  it("wakes a waiter on the next ring", async () => {
    const bell = new Doorbell();
    const waiting = bell.waitSince(bell.rings, 60_000);
    bell.ring();
    await expect(waiting).resolves.toBeUndefined();
  });
});
