import { describe, expect, it } from "vitest";
import {
  experimentStats,
  standardNormalCdf,
  twoProportionZTest,
  wilsonInterval,
} from "./experiment-stats.js";

describe("wilsonInterval", () => {
  it("matches the hand-computed 95% interval for 10 conversions out of 100", () => {
    // p = 0.1, z² = 3.841459, centre = (0.1 + 0.0192073) / 1.0384146 = 0.1147973,
    // half = 1.959964 · √(0.0009 + 0.0000960365) / 1.0384146 = 0.0595684
    const interval = wilsonInterval(10, 100);
    expect(interval.low).toBeCloseTo(0.0552289, 6);
    expect(interval.high).toBeCloseTo(0.1743657, 6);
  });

  it("stays inside [0, 1] at the extremes and is uninformative without trials", () => {
    // 0/20: centre = (0 + 3.841459/40) / 1.1920730 = 0.0805626 = half, so the interval is [0, 0.1611252]
    const none = wilsonInterval(0, 20);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.1611252, 6);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("twoProportionZTest", () => {
  it("matches the hand-computed z and p for 100/1000 against 130/1000", () => {
    // pooled = 230/2000 = 0.115; se = √(0.115 · 0.885 · 0.002) = 0.0142671; z = 0.03 / se = 2.10274
    // p = 2 · (1 − Φ(2.10274)) ≈ 2 · (1 − 0.982258) = 0.035484 (normal table, linear interpolation)
    const result = twoProportionZTest(
      { variant: "control", exposures: 1000, conversions: 100 },
      { variant: "treatment", exposures: 1000, conversions: 130 },
    );
    expect(result?.z).toBeCloseTo(2.10274, 4);
    expect(result?.pValue).toBeCloseTo(0.0355, 3);
  });

  it("is undefined when a side has no exposures or nobody converted anywhere", () => {
    const empty = { variant: "a", exposures: 0, conversions: 0 };
    const some = { variant: "b", exposures: 10, conversions: 0 };
    expect(twoProportionZTest(empty, some)).toBeUndefined();
    expect(twoProportionZTest(some, { ...some, variant: "c" })).toBeUndefined();
  });
});

describe("standardNormalCdf", () => {
  it("gives the textbook quantiles", () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(standardNormalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(standardNormalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe("experimentStats", () => {
  it("reports the control without a test and each treatment against the control", () => {
    const stats = experimentStats(
      [
        { variant: "control", exposures: 1000, conversions: 100 },
        { variant: "treatment", exposures: 1000, conversions: 130 },
      ],
      "control",
    );
    expect(stats[0]).toMatchObject({
      variant: "control",
      conversionRate: 0.1,
      zScore: undefined,
      pValue: undefined,
    });
    expect(stats[1]?.conversionRate).toBe(0.13);
    expect(stats[1]?.pValue).toBeCloseTo(0.0355, 3);
  });
});
