import { describe, expect, it } from "vitest";
import { applyExclusions, type ExclusionSettings } from "./cohort-exclusions.js";
import { allExclusionsOn, cohortCandidate } from "./synthetic-candidates.js";

const allOn: ExclusionSettings = allExclusionsOn;

const candidates = [
  cohortCandidate("1000001"),
  cohortCandidate("1000002", { terminated: true }),
  cohortCandidate("1000003", { balance: 5_001, creditLimit: 5_000 }),
  cohortCandidate("1000004", { hasActiveOrder: true }),
  cohortCandidate("1000005", { rejectedByImport: true }),
  cohortCandidate("1000006", { inOtherCohortOrWave: true }),
  // Hit by three rules: counted once, under the first in the fixed order (terminated).
  cohortCandidate("1000007", { terminated: true, hasActiveOrder: true, inOtherCohortOrWave: true }),
  // Never-set limit is no limit; at the limit is not over it.
  cohortCandidate("1000008", { balance: 90_000, creditLimit: null }),
  cohortCandidate("1000009", { balance: 5_000, creditLimit: 5_000 }),
  // Cash customers have a limit of 0: owing anything is over it.
  cohortCandidate("1000010", { balance: 300, creditLimit: 0 }),
  cohortCandidate("1000011"),
];

function counts(settings: ExclusionSettings) {
  const outcome = applyExclusions(candidates, settings);
  return {
    eligible: outcome.eligible.map((candidate) => candidate.customerCode),
    rules: Object.fromEntries(
      outcome.summary.rules.map((rule) => [rule.rule, [rule.excluded, rule.matched]]),
    ),
    total: outcome.summary.total,
  };
}

describe("applyExclusions", () => {
  it("applies each default rule and counts a customer once, under its first rule", () => {
    expect(counts(allOn)).toEqual({
      eligible: ["1000001", "1000008", "1000009", "1000011"],
      rules: {
        terminated: [2, 2],
        overCreditLimit: [2, 2],
        activeOrder: [1, 2],
        importRejected: [1, 1],
        otherCohortOrWave: [1, 2],
        deny: [0, 0],
      },
      total: 7,
    });
  });

  it("excludes the deny list", () => {
    const result = counts({ ...allOn, deny: ["1000011", "9999999"] });
    expect(result.eligible).toEqual(["1000001", "1000008", "1000009"]);
    expect(result.rules.deny).toEqual([1, 1]);
    expect(result.total).toBe(8);
  });

  it("keeps customers of a rule switched off, unless another rule takes them, and still counts its matches", () => {
    const result = counts({ ...allOn, terminated: false });
    expect(result.eligible).toContain("1000002");
    expect(result.eligible).not.toContain("1000007");
    expect(result.rules.terminated).toEqual([0, 2]);
    expect(result.rules.activeOrder).toEqual([2, 2]);
    const outcome = applyExclusions(candidates, { ...allOn, terminated: false });
    expect(outcome.summary.rules.find((rule) => rule.rule === "terminated")?.enabled).toBe(false);
  });

  it("names every enabled rule that excludes a customer", () => {
    const outcome = applyExclusions(candidates, { ...allOn, deny: ["1000007"] });
    expect(outcome.rulesOf.get("1000007")).toEqual([
      "terminated",
      "activeOrder",
      "otherCohortOrWave",
      "deny",
    ]);
    expect(outcome.rulesOf.has("1000001")).toBe(false);
  });

  it("with every rule off and no deny list, everyone is eligible", () => {
    const off = { ...allOn, terminated: false, overCreditLimit: false, activeOrder: false };
    const result = counts({ ...off, importRejected: false, otherCohortOrWave: false });
    expect(result.eligible).toHaveLength(candidates.length);
    expect(result.total).toBe(0);
  });
});
