import { describe, expect, it } from "vitest";
import { ValidationError } from "../shared/errors.js";
import type { CohortCandidate } from "./cohort-candidate.js";
import { CohortSizeError, PinnedCustomerExcludedError, PinnedCustomerUnknownError } from "./cohort-errors.js";
import type { CohortRequestInput } from "./cohort-request.js";
import { type CohortSelection, selectCohort } from "./select-cohort.js";
import { cohortCandidate, plainCandidates, syntheticCandidates } from "./synthetic-candidates.js";

const register = syntheticCandidates(5_000);

function codesOf(selection: CohortSelection): string[] {
  if (selection.outcome === "refused")
    throw new Error(`refused: ${selection.refused.map((b) => b.message).join("; ")}`);
  return selection.members.map((member) => member.customerCode);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

/** 500 customers in area A (1000000…) and 500 in area B (1100000…), alike in every covariate. */
const twoAreas = [
  ...plainCandidates(500, 1_000_000, { area: "A" }),
  ...plainCandidates(500, 1_100_000, { area: "B" }),
];
const pinnedA = (count: number) => twoAreas.slice(0, count).map((candidate) => candidate.customerCode);
const byArea = (request: Partial<CohortRequestInput>) =>
  selectCohort({ strata: ["area"], ...request }, twoAreas);

describe("selectCohort on a realistic register (5,000 customers, ~300 strata)", () => {
  it.each([1, 10])("accepts a %d%% cohort with the default limits, for several seeds", (percent) => {
    for (const seed of [0, 1, 2]) {
      const selection = selectCohort({ percent, seed }, register);
      expect(selection.outcome, JSON.stringify(selection.report.breaches)).toBe("accepted");
      expect(selection.report.warnings).toEqual([]);
      const eligible = register.length - selection.excluded.total;
      expect(codesOf(selection)).toHaveLength(Math.floor((eligible * percent) / 100 + 0.5));
    }
  });

  it("draws exactly `count` members, none of them excluded", () => {
    const selection = selectCohort({ count: 123 }, register);
    const excluded = new Set(
      register
        .filter((c) => c.terminated || c.hasActiveOrder || c.rejectedByImport || c.inOtherCohortOrWave)
        .map((c) => c.customerCode),
    );
    expect(codesOf(selection)).toHaveLength(123);
    expect(codesOf(selection).filter((code) => excluded.has(code))).toEqual([]);
    expect(selection.excluded.rules.every((rule) => rule.excluded > 0 || rule.rule === "deny")).toBe(true);
  });

  it("gives the same cohort for the same seed and data in any input order, another for another seed", () => {
    const shuffled = [...register].sort(
      (a, b) => a.monthlyKg - b.monthlyKg || (a.customerCode < b.customerCode ? 1 : -1),
    );
    const first = selectCohort({ percent: 5, seed: 42 }, register);
    expect(selectCohort({ percent: 5, seed: 42 }, shuffled)).toEqual(first);
    const other = new Set(codesOf(selectCohort({ percent: 5, seed: 43 }, register)));
    expect(codesOf(first).filter((code) => other.has(code)).length).toBeLessThan(codesOf(first).length / 2);
  });
});

describe("selectCohort exclusions and pinned volunteers", () => {
  const small = [
    cohortCandidate("1000001"),
    cohortCandidate("1000002", { terminated: true }),
    cohortCandidate("1000003", { hasActiveOrder: true }),
    cohortCandidate("1000004"),
    cohortCandidate("1000005"),
  ];

  it("takes every eligible customer at 100% and reports each rule's count", () => {
    const selection = selectCohort({ percent: 100, exclude: { deny: ["1000005"] } }, small);
    expect(codesOf(selection)).toEqual(["1000001", "1000004"]);
    expect(selection.excluded.total).toBe(3);
    expect(selection.excluded.rules.filter((rule) => rule.excluded > 0).map((rule) => rule.rule)).toEqual([
      "terminated",
      "activeOrder",
      "deny",
    ]);
  });

  it("keeps the customers of a rule switched off", () => {
    expect(codesOf(selectCohort({ percent: 100, exclude: { terminated: false } }, small))).toContain(
      "1000002",
    );
  });

  it("always includes pinned volunteers, counted towards the size", () => {
    const selection = selectCohort({ count: 2, include: ["1000005"] }, small);
    const members = selection.outcome === "refused" ? [] : selection.members;
    expect(members).toHaveLength(2);
    expect(members.find((member) => member.customerCode === "1000005")).toMatchObject({ pinned: true });
    expect(selection.report.pinned).toBe(1);
  });

  it("refuses a pinned customer an exclusion rule removes, naming the customer and the rule", () => {
    const error = thrown(() => selectCohort({ count: 2, include: ["1000001", "1000002"] }, small));
    expect(error).toBeInstanceOf(PinnedCustomerExcludedError);
    expect(error).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [
        {
          path: "body.include.1",
          message: "customer 1000002 is excluded: terminated (exclude.terminated)",
        },
      ],
    });
    const denied = thrown(() =>
      selectCohort({ count: 2, include: ["1000001"], exclude: { deny: ["1000001"] } }, small),
    );
    expect((denied as Error).message).toContain(
      "customer 1000001 is excluded: on the deny list (exclude.deny)",
    );
  });

  it("refuses a pinned customer that is not a candidate", () => {
    const error = thrown(() => selectCohort({ count: 2, include: ["1000009"] }, small));
    expect(error).toBeInstanceOf(PinnedCustomerUnknownError);
    expect(error).toMatchObject({
      issues: [{ path: "body.include.0", message: "customer 1000009 is not known" }],
    });
  });

  it("refuses a size larger than the eligible customers", () => {
    expect(thrown(() => selectCohort({ count: 4 }, small))).toBeInstanceOf(CohortSizeError);
  });

  it("refuses a malformed request and a candidate list naming a customer twice", () => {
    const malformed = thrown(() => selectCohort({ percent: 0 }, small));
    expect(malformed).toBeInstanceOf(ValidationError);
    expect(malformed).toMatchObject({
      issues: [{ path: "body.percent", message: "percent must be above 0" }],
    });
    const twice = [...small, cohortCandidate("1000001")];
    expect(thrown(() => selectCohort({ count: 1 }, twice))).toMatchObject({
      issues: [{ path: "candidates", message: "customer codes must be unique; repeated: 1000001" }],
    });
  });
});

describe("selectCohort limits", () => {
  it("refuses a sample-ratio mismatch below p 0.001: 130 pinned in A of a 200 cohort over 50/50 areas", () => {
    const selection = byArea({ count: 200, include: pinnedA(130), limits: { maxDeviationPp: 20 } });
    expect(selection.outcome).toBe("refused");
    if (selection.outcome !== "refused") return;
    // Observed 130/70 against 100/100: χ² = 18 on 1 df.
    expect(selection.report.chiSquare.statistic).toBeCloseTo(18, 9);
    expect(selection.refused.map((breach) => breach.limit)).toEqual(["minSrmP"]);
    expect(selection).not.toHaveProperty("members");
    // Also far beyond the default deviation limit (15 pp).
    expect(selectCohort({ strata: ["area"], count: 200, include: pinnedA(130) }, twoAreas)).toMatchObject({
      refused: [{ limit: "maxDeviationPp" }, { limit: "minSrmP" }],
    });
  });

  it("only warns for an SRM p between 0.001 and 0.01 (120/80: χ² = 8, p ≈ 0.005)", () => {
    const selection = byArea({ count: 200, include: pinnedA(120), limits: { maxDeviationPp: 20 } });
    expect(selection.outcome).toBe("accepted");
    expect(selection.report.warnings.map((warning) => warning.limit)).toEqual(["warnSrmP"]);
    expect(selection.report.chiSquare.pValue).toBeCloseTo(0.0047, 4);
  });

  it("refuses a deviation above the limit on its own (55/45 against 50/50: 5 pp, p ≈ 0.32)", () => {
    const selection = byArea({ count: 100, include: pinnedA(55) });
    expect(selection).toMatchObject({
      outcome: "refused",
      refused: [{ limit: "maxDeviationPp", value: expect.closeTo(5, 9), threshold: 2 }],
    });
  });

  it("refuses covariates out of balance: pinned volunteers owing 100× the others", () => {
    const candidates: CohortCandidate[] = plainCandidates(1_000, 1_000_000, { balance: 1_000 }).map(
      (candidate, index) => (index < 20 ? { ...candidate, balance: 100_000 } : candidate),
    );
    const include = candidates.slice(0, 20).map((candidate) => candidate.customerCode);
    const selection = selectCohort({ count: 100, include }, candidates);
    expect(selection.outcome).toBe("refused");
    if (selection.outcome !== "refused") return;
    expect(selection.refused.map((breach) => breach.limit)).toEqual(["maxSmd"]);
    expect(selection.report.covariates.balance.smd).toBeGreaterThan(0.5);
    expect(selection.report.moneyAtRisk.balance).toBe(20 * 100_000 + 80 * 1_000);
  });

  it("accepts a cohort outside the limits when forced with a reason, carrying the reason and the breaches", () => {
    const selection = byArea({ count: 100, include: pinnedA(55), force: true, reason: "volunteers first" });
    expect(selection).toMatchObject({
      outcome: "forced",
      forced: true,
      reason: "volunteers first",
      breaches: [{ limit: "maxDeviationPp" }],
    });
    expect(codesOf(selection)).toHaveLength(100);
  });

  it("does not accept force without a reason", () => {
    const error = thrown(() => byArea({ count: 100, include: pinnedA(55), force: true }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      issues: [{ path: "body.reason", message: "say why the cohort is forced" }],
    });
  });

  it("does not mark a cohort within the limits as forced", () => {
    expect(byArea({ count: 100, force: true, reason: "just in case" }).outcome).toBe("accepted");
  });
});
