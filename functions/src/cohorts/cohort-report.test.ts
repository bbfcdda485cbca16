import { describe, expect, it } from "vitest";
import { defaultCohortLimits } from "./cohort-limits.js";
import { buildCohortReport } from "./cohort-report.js";
import { covariateBalance, covariateMoments } from "./covariate-balance.js";
import { buildStrata } from "./stratified-sample.js";
import { cohortCandidate } from "./synthetic-candidates.js";

// 6 in area A, 4 in area B; the cohort takes 3 + 1, so B is 15 pp short of its 40%.
const population = [
  ...["1000001", "1000002", "1000003", "1000004", "1000005", "1000006"].map((code) =>
    cohortCandidate(code, { area: "A", balance: 1_000, orderValue90d: 2_000 }),
  ),
  ...["1000007", "1000008", "1000009", "1000010"].map((code) =>
    cohortCandidate(code, { area: "B", balance: null, orderValue90d: 500, clientType: "school" }),
  ),
];
const members = population.filter((candidate) =>
  ["1000001", "1000002", "1000003", "1000007"].includes(candidate.customerCode),
);

function report(limits = defaultCohortLimits) {
  const strata = buildStrata(population, ["area"], new Set());
  return buildCohortReport({
    strata,
    counts: [3, 1],
    members,
    stratifiedBy: ["area"],
    seed: 9,
    attempt: 0,
    pinned: 0,
    covariates: covariateBalance(covariateMoments(members), covariateMoments(population)),
    limits,
  });
}

describe("buildCohortReport", () => {
  it("gives population and cohort shares per stratum with the chi-square expectation", () => {
    expect(report().strata).toEqual([
      {
        key: "A",
        values: { area: "A" },
        population: 6,
        cohort: 3,
        populationShare: 0.6,
        cohortShare: 0.75,
        deviationPp: expect.closeTo(15, 9),
        expected: expect.closeTo(2.4, 9),
      },
      {
        key: "B",
        values: { area: "B" },
        population: 4,
        cohort: 1,
        populationShare: 0.4,
        cohortShare: 0.25,
        deviationPp: expect.closeTo(-15, 9),
        expected: expect.closeTo(1.6, 9),
      },
    ]);
    // (3 − 2.4)² / 2.4 + (1 − 1.6)² / 1.6 = 0.375 over 1 df.
    expect(report().chiSquare.statistic).toBeCloseTo(0.375, 9);
    expect(report().chiSquare.degreesOfFreedom).toBe(1);
  });

  it("reports every single dimension, stratified or not", () => {
    const { dimensions } = report();
    expect(dimensions.clientType.map((row) => [row.value, row.population, row.cohort])).toEqual([
      ["residential", 6, 3],
      ["school", 4, 1],
    ]);
    expect(dimensions.pricingMethod).toHaveLength(1);
    expect(dimensions.frequencyBand.map((row) => row.value)).toEqual(["regular"]);
  });

  it("names the largest deviation of a stratum or stratified value, and the money the cohort carries", () => {
    const result = report();
    expect(result.largestDeviation).toEqual({ pp: expect.closeTo(15, 9), at: "stratum A" });
    expect(result.moneyAtRisk).toEqual({ balance: 3_000, orderValue90d: 6_500 });
    expect(result).toMatchObject({ seed: 9, attempt: 0, populationSize: 10, cohortSize: 4, pinned: 0 });
  });

  it("checks the deviation against the limit, but never closer than one member (25 pp for 4 members)", () => {
    const result = report({ ...defaultCohortLimits, maxDeviationPp: 2, maxSmd: 10 });
    expect(result.deviationTolerancePp).toBe(25);
    expect(result.breaches).toEqual([]);
    expect(report({ ...defaultCohortLimits, maxDeviationPp: 10, maxSmd: 10 }).deviationTolerancePp).toBe(25);
  });

  it("lists every broken limit with its figure and threshold", () => {
    const result = report();
    // The cohort's balances (3,000 over 4) against the population's (6,000 over 10) differ a lot.
    expect(result.breaches.map((breach) => breach.limit)).toEqual(["maxSmd"]);
    expect(result.breaches[0]?.message).toMatch(
      /^balance: standardised mean difference 0\.\d{3} is beyond ±0\.1$/,
    );
  });
});
