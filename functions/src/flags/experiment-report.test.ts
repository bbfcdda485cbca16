import { describe, expect, it } from "vitest";
import { experimentReport } from "./experiment-report.js";

const total = (variant: string, flagVersion: number, exposures: number, orders: number) => ({
  variant,
  flagVersion,
  evaluations: exposures * 3,
  exposures,
  conversions: { order: orders, call: 1 },
});

describe("experimentReport", () => {
  it("sums versions per variant, puts the control first and tests the others against it", () => {
    const report = experimentReport(
      [total("b", 1, 100, 30), total("a", 1, 100, 10), total("a", 2, 100, 10), total("b", 2, 100, 30)],
      { control: "a", event: "order" },
    );
    expect(report.variants.map((v) => [v.variant, v.exposures, v.conversions])).toEqual([
      ["a", 200, 20],
      ["b", 200, 60],
    ]);
    expect(report.variants[0]?.pValue).toBeUndefined();
    expect(report.variants[1]?.pValue).toBeLessThan(0.001);
    expect(report.evaluations).toEqual({ a: 600, b: 600 });
  });

  it("restricts to one flag version when asked, and counts only the named event", () => {
    const report = experimentReport([total("a", 1, 100, 10), total("a", 2, 50, 5)], {
      control: "a",
      event: "call",
      flagVersion: 2,
    });
    expect(report.variants).toMatchObject([{ variant: "a", exposures: 50, conversions: 1 }]);
  });
});
