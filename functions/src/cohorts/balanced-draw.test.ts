import { describe, expect, it } from "vitest";
import { balancedDraw } from "./balanced-draw.js";
import { cohortDimensions } from "./cohort-dimensions.js";
import { applyExclusions } from "./cohort-exclusions.js";
import { covariateBalance, covariateMoments, largestSmd } from "./covariate-balance.js";
import { allocateCohort, buildStrata, drawCohort } from "./stratified-sample.js";
import { allExclusionsOn, cohortCandidate, syntheticCandidates } from "./synthetic-candidates.js";

const { eligible } = applyExclusions(syntheticCandidates(5_000), allExclusionsOn);
const byCode = new Map(eligible.map((candidate) => [candidate.customerCode, candidate]));
const strata = buildStrata(eligible, cohortDimensions, new Set());
const counts = allocateCohort(strata, cohortDimensions, 46, 0);

function smdOfDraw(seed: number, attempt: number): number {
  const members = drawCohort(strata, counts, seed, attempt).flatMap((m) => byCode.get(m.customerCode) ?? []);
  return largestSmd(covariateBalance(covariateMoments(members), covariateMoments(eligible)));
}

describe("balancedDraw", () => {
  it("keeps the first draw within the SMD limit, reproducible from seed and attempt", () => {
    const seed = [...Array(50).keys()].find((candidate) => smdOfDraw(candidate, 0) > 0.1);
    expect(seed).toBeDefined();
    const draw = balancedDraw(strata, counts, seed ?? 0, 0.1);
    expect(draw.attempt).toBeGreaterThan(0);
    expect(largestSmd(draw.covariates)).toBeLessThanOrEqual(0.1);
    expect(smdOfDraw(seed ?? 0, draw.attempt)).toBeCloseTo(largestSmd(draw.covariates), 12);
    expect(draw.members).toEqual(drawCohort(strata, counts, seed ?? 0, draw.attempt));
  });

  it("returns the best-balanced draw when none is within the limit", () => {
    // Two customers, one owing much more: a cohort of one is always far off the mean.
    const pair = buildStrata(
      [cohortCandidate("1000001", { balance: 0 }), cohortCandidate("1000002", { balance: 10_000 })],
      ["area"],
      new Set(),
    );
    const draw = balancedDraw(pair, [1], 0, 0.1);
    expect(Math.abs(draw.covariates.balance.smd)).toBeGreaterThan(0.1);
    expect(draw.members).toHaveLength(1);
  });
});
