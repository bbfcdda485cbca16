import { describe, expect, it } from "vitest";
import { covariateBalance, covariateMoments, largestSmd } from "./covariate-balance.js";
import { cohortCandidate } from "./synthetic-candidates.js";

describe("covariateBalance", () => {
  it("is (cohort mean − population mean) / √((var cohort + var population) / 2)", () => {
    const population = [0, 2, 4, 6].map((deliveries, index) =>
      cohortCandidate(String(1_000_001 + index), {
        deliveries90d: deliveries,
        balance: index === 0 ? null : 100,
      }),
    );
    const cohort = population.slice(2); // deliveries 4, 6: mean 5, variance 1; population mean 3, variance 5
    const balance = covariateBalance(covariateMoments(cohort), covariateMoments(population));
    expect(balance.deliveries90d).toEqual({
      cohortMean: 5,
      populationMean: 3,
      pooledSd: Math.sqrt(3),
      smd: 2 / Math.sqrt(3),
    });
    // A balance never set counts as 0: population 0/100/100/100, mean 75.
    expect(balance.balance.populationMean).toBe(75);
    // Constant in both groups: no difference, not a division by zero.
    expect(balance.monthlyKg.smd).toBe(0);
    expect(largestSmd(balance)).toBeCloseTo(2 / Math.sqrt(3), 12);
  });
});
