import { describe, expect, it } from "vitest";
import { DeliveryAttempts } from "./delivery-attempts.js";

describe("DeliveryAttempts", () => {
  it("counts attempts per message, from 1", () => {
    const attempts = new DeliveryAttempts();
    expect(attempts.count("m1")).toBe(0);
    expect([attempts.next("m1"), attempts.next("m1"), attempts.next("m2"), attempts.next("m1")]).toEqual([
      1, 2, 1, 3,
    ]);
    expect([attempts.count("m1"), attempts.count("m2")]).toEqual([3, 1]);
  });

  it("forgets the longest-known message past its capacity, never a recent one", () => {
    const attempts = new DeliveryAttempts(2);
    attempts.next("old");
    attempts.next("recent");
    attempts.next("recent");
    attempts.next("new");
    expect([attempts.count("old"), attempts.count("recent"), attempts.count("new")]).toEqual([0, 2, 1]);
  });
});
