import { describe, expect, it } from "vitest";
import { chiSquareGoodnessOfFit, chiSquarePValue, lnGamma, regularizedGammaQ } from "./chi-square.js";

describe("chiSquarePValue (regularised upper incomplete gamma)", () => {
  it.each([
    [3.84, 1, 0.05],
    [6.63, 1, 0.01],
    [10.828, 1, 0.001],
    [18.307, 10, 0.05],
    [5.991, 2, 0.05],
    [124.342, 100, 0.05],
  ])("χ² = %d with %d df has p ≈ %d (the tables' critical values)", (statistic, df, p) => {
    expect(chiSquarePValue(statistic, df)).toBeCloseTo(p, 3);
  });

  it("is 1 for a statistic of 0 and when there is no degree of freedom", () => {
    expect(chiSquarePValue(0, 5)).toBe(1);
    expect(chiSquarePValue(12, 0)).toBe(1);
  });

  it("matches closed forms: Q(1, x) = e^−x (df 2) on both the series and the continued-fraction side", () => {
    for (const x of [0.1, 1.5, 2.5, 30]) expect(regularizedGammaQ(1, x)).toBeCloseTo(Math.exp(-x), 12);
  });

  it("stays accurate with hundreds of degrees of freedom (χ² near its mean df gives p near 0.5)", () => {
    expect(chiSquarePValue(299.33, 300)).toBeCloseTo(0.5, 2);
    expect(chiSquarePValue(1000, 300)).toBeLessThan(1e-60);
  });

  it("lnGamma agrees with ln((n − 1)!) and ln √π", () => {
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 9);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 9);
  });

  it("refuses arguments outside its domain", () => {
    expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaQ(1, -1)).toThrow(RangeError);
  });
});

describe("chiSquareGoodnessOfFit", () => {
  it("sums (observed − expected)² / expected, skipping cells expected 0 (df = counted cells − 1)", () => {
    const test = chiSquareGoodnessOfFit([
      { observed: 60, expected: 50 },
      { observed: 40, expected: 50 },
      { observed: 0, expected: 0 },
    ]);
    expect(test.statistic).toBeCloseTo(4, 12);
    expect(test.degreesOfFreedom).toBe(1);
    expect(test.pValue).toBeCloseTo(0.0455, 4);
  });
});
