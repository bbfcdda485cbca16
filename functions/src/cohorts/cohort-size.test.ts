import { describe, expect, it } from "vitest";
import { CohortSizeError } from "./cohort-errors.js";
import { cohortSize } from "./cohort-size.js";

describe("cohortSize", () => {
  it.each([
    [1, 4_553, 46],
    [1, 5_000, 50],
    [10, 4_553, 455],
    [1.5, 4_550, 68],
    [0.5, 1_300, 7],
    [2.5, 100, 3],
    [1, 50, 1],
    [0.01, 100, 1],
    [100, 37, 37],
  ])("%d%% of %d eligible is %d (half up, at least 1)", (percent, eligible, size) => {
    expect(cohortSize({ percent, include: [] }, eligible)).toBe(size);
  });

  it("takes a count as given", () => {
    expect(cohortSize({ count: 12, include: [] }, 12)).toBe(12);
  });

  it("refuses a size above the eligible customers, naming the field", () => {
    let error: unknown;
    try {
      cohortSize({ count: 13, include: [] }, 12);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CohortSizeError);
    expect(error).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "body.count", message: "a cohort of 13 needs more than the 12 eligible customers" }],
    });
    expect(() => cohortSize({ percent: 1, include: [] }, 0)).toThrow(CohortSizeError);
  });

  it("refuses more pinned customers than the size", () => {
    expect(() => cohortSize({ count: 1, include: ["1000001", "1000002"] }, 10)).toThrow(
      "2 pinned customers do not fit a cohort of 1",
    );
  });
});
