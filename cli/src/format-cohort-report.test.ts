import { describe, expect, it } from "vitest";
import { selectCohort } from "../../functions/src/cohorts/select-cohort.js";
import { syntheticCandidates } from "../../functions/src/cohorts/synthetic-candidates.js";
import { formatCohortReport } from "./format-cohort-report.js";

// The sampler's own result, so the format follows the report as the API builds it.
const selection = selectCohort({ percent: 2, seed: 4 }, syntheticCandidates(1_000, 4));

describe("formatCohortReport", () => {
  it("shows the headline figures: size, outcome, deviation, chi-square p, SMDs, money at risk, exclusions", () => {
    const { report, excluded } = selection;
    const text = formatCohortReport({ id: "c-1", ...selection });
    expect(text).toContain("cohort c-1");
    expect(text).toMatch(new RegExp(`outcome\\s+${selection.outcome}`));
    expect(text).toContain(
      `${report.cohortSize} of ${report.populationSize.toLocaleString("en-US")} eligible`,
    );
    expect(text).toContain(`${report.largestDeviation.pp.toFixed(2)} pp at ${report.largestDeviation.at}`);
    expect(text).toMatch(
      new RegExp(`^chi-square p\\s+${report.chiSquare.pValue.toPrecision(3)} \\(χ² `, "m"),
    );
    expect(text).toContain(`monthlyKg ${report.covariates.monthlyKg.smd.toFixed(3)}`);
    expect(text).toContain("(limit ±0.1)");
    expect(text).toContain(
      `90-day orders NT$ ${Math.round(report.moneyAtRisk.orderValue90d).toLocaleString("en-US")}`,
    );
    expect(text).toContain(`excluded ${excluded.total} customers`);
    for (const rule of excluded.rules)
      expect(text).toMatch(
        new RegExp(`^${rule.rule}\\s+(yes|off)\\s+${rule.excluded}\\s+${rule.matched}$`, "m"),
      );
  });

  it("names each broken limit and warning", () => {
    const refused = selectCohort(
      { count: 3, seed: 1, limits: { maxSmd: 0.0001 } },
      syntheticCandidates(300, 1),
    );
    expect(refused.outcome).toBe("refused");
    expect(formatCohortReport(refused)).toMatch(/^limit broken: .*standardised mean difference/m);
  });

  it("shows an answer of another shape as JSON instead of guessing", () => {
    expect(formatCohortReport({ something: "else" })).toBe(JSON.stringify({ something: "else" }, null, 2));
  });
});
