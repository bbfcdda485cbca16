import { describe, expect, it } from "vitest";
import { frequencyBand } from "./frequency-band.js";

describe("frequencyBand", () => {
  it.each([
    [0, "none"],
    [1, "low"],
    [2, "low"],
    [3, "regular"],
    [6, "regular"],
    [7, "frequent"],
    [40, "frequent"],
  ] as const)("%d deliveries in 90 days is %s", (deliveries, band) => {
    expect(frequencyBand(deliveries)).toBe(band);
  });
});
