import { describe, expect, it } from "vitest";
import { createPrng, pickWeighted, weightedTable } from "./prng.js";

const draw = (seed: number, stream: string, count: number) => {
  const prng = createPrng(seed, stream);
  return Array.from({ length: count }, () => prng.next());
};

describe("createPrng", () => {
  it("repeats exactly for the same seed and stream", () => {
    expect(draw(42, "clients", 1_000)).toEqual(draw(42, "clients", 1_000));
  });

  it("differs between seeds and between streams", () => {
    expect(draw(42, "clients", 50)).not.toEqual(draw(43, "clients", 50));
    expect(draw(42, "clients", 50)).not.toEqual(draw(42, "deliveries", 50));
  });

  it("stays in range and looks uniform", () => {
    const values = draw(7, "uniform", 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.495);
    expect(mean).toBeLessThan(0.505);
  });

  it("int covers both bounds and nothing outside", () => {
    const prng = createPrng(1, "int");
    const seen = new Set(Array.from({ length: 2_000 }, () => prng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe("pickWeighted", () => {
  it("follows the weights", () => {
    const table = weightedTable([
      ["a", 70],
      ["b", 20],
      ["c", 10],
    ] as const);
    const prng = createPrng(3, "weighted");
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 50_000; i += 1) counts[pickWeighted(prng, table)] += 1;
    expect(counts.a / 50_000).toBeCloseTo(0.7, 1);
    expect(counts.b / 50_000).toBeCloseTo(0.2, 1);
    expect(counts.c / 50_000).toBeCloseTo(0.1, 1);
  });
});
