import { describe, expect, it } from "vitest";
import { ProgressRate } from "./progress-rate.js";

describe("ProgressRate", () => {
  it("measures items per second over its window", () => {
    const rate = new ProgressRate(10_000);
    rate.add(0, 0);
    expect(rate.perSecond()).toBeUndefined();
    rate.add(50, 5_000);
    expect(rate.perSecond()).toBe(10);
    rate.add(150, 10_000);
    rate.add(400, 20_000);
    // The samples at 0 s and 5 s have left the 10 s window: (400 − 150) / 10 s.
    expect(rate.perSecond()).toBe(25);
  });

  it("starts over when the count goes backwards", () => {
    const rate = new ProgressRate();
    rate.add(300, 0);
    rate.add(400, 1_000);
    rate.add(10, 2_000);
    expect(rate.perSecond()).toBeUndefined();
  });
});
