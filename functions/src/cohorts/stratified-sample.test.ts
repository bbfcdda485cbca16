import { describe, expect, it } from "vitest";
import { allocateStrata } from "./allocate-strata.js";
import { type CohortDimension, cohortDimensions } from "./cohort-dimensions.js";
import { applyExclusions } from "./cohort-exclusions.js";
import { allocateCohort, buildStrata, drawCohort, type Stratum } from "./stratified-sample.js";
import { allExclusionsOn, cohortCandidate, syntheticCandidates } from "./synthetic-candidates.js";

const eligible = applyExclusions(syntheticCandidates(5_000), allExclusionsOn).eligible;
const strata = buildStrata(eligible, cohortDimensions, new Set());

/** Largest |members − size × share| over the values of each dimension, in members. */
function worstMargin(
  counts: readonly number[],
  size: number,
  dimensions: readonly CohortDimension[],
): number {
  let worst = 0;
  for (const dimension of dimensions) {
    const byValue = new Map<string, { population: number; cohort: number }>();
    strata.forEach((stratum: Stratum, index) => {
      const value = stratum.values[dimension] ?? "";
      const entry = byValue.get(value) ?? { population: 0, cohort: 0 };
      entry.population += stratum.members.length;
      entry.cohort += counts[index] ?? 0;
      byValue.set(value, entry);
    });
    for (const { population, cohort } of byValue.values()) {
      worst = Math.max(worst, Math.abs(cohort - (size * population) / eligible.length));
    }
  }
  return worst;
}

describe("buildStrata", () => {
  it("groups by the stratified dimensions, strata by key and members by code, whatever the input order", () => {
    const candidates = [
      cohortCandidate("1000003", { area: "B" }),
      cohortCandidate("1000001", { area: null, deliveries90d: 0 }),
      cohortCandidate("1000002", { area: "B" }),
    ];
    const built = buildStrata(candidates, ["area", "frequencyBand"], new Set(["1000002"]));
    expect(built.map((stratum) => [stratum.key, stratum.members.map((m) => m.customerCode)])).toEqual([
      ["B|regular", ["1000002", "1000003"]],
      ["none|none", ["1000001"]],
    ]);
    expect(built[0]?.pinned.map((m) => m.customerCode)).toEqual(["1000002"]);
    expect(built[0]?.values).toEqual({ area: "B", frequencyBand: "regular" });
  });
});

describe("allocateCohort", () => {
  it("keeps every stratum within one member of its proportional quota and the total exact", () => {
    for (const size of [46, 455]) {
      const counts = allocateCohort(strata, cohortDimensions, size, 0);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(size);
      strata.forEach((stratum, index) => {
        expect(
          Math.abs((counts[index] ?? 0) - (size * stratum.members.length) / eligible.length),
        ).toBeLessThan(1);
      });
    }
  });

  it("brings each dimension's values within one member of their shares, which largest remainder alone misses", () => {
    const size = 46; // 1% of the eligible customers, over ~300 strata whose quotas are mostly below 1
    const raw = allocateStrata(
      strata.map((stratum, index) => ({ population: stratum.members.length, pinned: 0, tieRank: index })),
      size,
    ).map((stratum) => stratum.count);
    expect(worstMargin(raw, size, cohortDimensions)).toBeGreaterThan(3);
    expect(
      worstMargin(allocateCohort(strata, cohortDimensions, size, 0), size, cohortDimensions),
    ).toBeLessThan(1);
  });
});

describe("drawCohort", () => {
  const counts = allocateCohort(strata, cohortDimensions, 200, 0);
  const codes = (seed: number, attempt: number, from = strata) =>
    drawCohort(from, counts, seed, attempt).map((member) => member.customerCode);

  it("draws the allocated count from each stratum", () => {
    const members = drawCohort(strata, counts, 0, 0);
    strata.forEach((stratum, index) => {
      expect(members.filter((member) => member.stratum === stratum.key)).toHaveLength(counts[index] ?? 0);
    });
  });

  it("is the same for the same seed and data in any input order, and differs for another seed or attempt", () => {
    const reversed = buildStrata([...eligible].reverse(), cohortDimensions, new Set());
    expect(codes(7, 0, reversed)).toEqual(codes(7, 0));
    const other = new Set(codes(8, 0));
    expect(codes(7, 0).filter((code) => other.has(code)).length).toBeLessThan(100);
    expect(codes(7, 1)).not.toEqual(codes(7, 0));
  });

  it("always takes the pinned volunteers of a stratum", () => {
    const volunteers = eligible.slice(0, 3).map((candidate) => candidate.customerCode);
    const pinnedStrata = buildStrata(eligible, cohortDimensions, new Set(volunteers));
    const pinnedCounts = allocateCohort(pinnedStrata, cohortDimensions, 50, 3);
    const members = drawCohort(pinnedStrata, pinnedCounts, 3, 0);
    for (const seed of [3, 4]) {
      const drawn = drawCohort(pinnedStrata, pinnedCounts, seed, 0).map((member) => member.customerCode);
      expect(drawn).toEqual(expect.arrayContaining(volunteers));
    }
    expect(members.filter((member) => member.pinned).map((member) => member.customerCode)).toEqual(
      volunteers,
    );
  });
});
