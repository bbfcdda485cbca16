import { describe, expect, it } from "vitest";
import { cohortRequestSchema } from "./cohort-request.js";

function issues(input: unknown): { path: string; message: string }[] {
  const parsed = cohortRequestSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("cohortRequestSchema", () => {
  it("fills every default: seed 0, the four strata, each exclusion on, the default limits", () => {
    expect(cohortRequestSchema.parse({ percent: 1 })).toEqual({
      percent: 1,
      seed: 0,
      strata: ["area", "clientType", "pricingMethod", "frequencyBand"],
      exclude: {
        terminated: true,
        overCreditLimit: true,
        activeOrder: true,
        importRejected: true,
        otherCohortOrWave: true,
        deny: [],
      },
      include: [],
      limits: { maxDeviationPp: 2, warnSrmP: 0.01, minSrmP: 0.001, maxSmd: 0.1 },
      force: false,
    });
  });

  it("overrides single exclusions and limits, keeping the other defaults", () => {
    const request = cohortRequestSchema.parse({
      count: 5,
      exclude: { terminated: false },
      limits: { maxSmd: 0.2 },
    });
    expect(request.exclude).toMatchObject({ terminated: false, activeOrder: true, deny: [] });
    expect(request.limits).toEqual({ maxDeviationPp: 2, warnSrmP: 0.01, minSrmP: 0.001, maxSmd: 0.2 });
  });

  it.each([
    [{}, "count", "give exactly one of percent or count"],
    [{ percent: 1, count: 5 }, "count", "give exactly one of percent or count"],
    [{ percent: 0 }, "percent", "percent must be above 0"],
    [{ percent: 100.5 }, "percent", "percent is at most 100"],
    [{ count: 0 }, "count", "count must be at least 1"],
    [{ count: 2, strata: [] }, "strata", "name at least one dimension to stratify by"],
    [{ count: 2, strata: ["area", "area"] }, "strata", "a dimension is named twice"],
    [{ count: 2, include: ["1000001", "1000001"] }, "include.1", "1000001 is listed twice"],
    [{ count: 2, exclude: { deny: ["12"] } }, "exclude.deny.0", "customer code is 7 digits"],
    [{ count: 2, force: true }, "reason", "say why the cohort is forced"],
    [{ count: 2, force: true, reason: "  " }, "reason", "reason must not be blank"],
    [
      { count: 2, limits: { minSrmP: 0.05 } },
      "limits.minSrmP",
      "minSrmP (refuse below) must not be above warnSrmP (warn below)",
    ],
  ])("refuses %j at %s", (input, path, message) => {
    expect(issues(input)).toContainEqual({ path, message });
  });

  it("refuses unknown keys at every level", () => {
    expect(issues({ count: 2, size: 3 }).map((issue) => issue.path)).toEqual([""]);
    expect(issues({ count: 2, exclude: { dormant: true } }).map((issue) => issue.path)).toEqual(["exclude"]);
    expect(issues({ count: 2, limits: { maxPp: 1 } }).map((issue) => issue.path)).toEqual(["limits"]);
  });

  it("accepts a non-integer percent and any integer seed, and refuses a fractional seed", () => {
    expect(cohortRequestSchema.parse({ percent: 0.5, seed: -42 })).toMatchObject({ percent: 0.5, seed: -42 });
    expect(issues({ percent: 1, seed: 1.5 }).map((issue) => issue.path)).toEqual(["seed"]);
  });
});
