import { describe, expect, it } from "vitest";
import { formatFinding } from "./findings.js";
import { nodeModules, repoRoot } from "./repo-fixture.js";
import { runChecks } from "./run-checks.js";

describe("runChecks on the real Terraform", () => {
  it("finds nothing wrong", async () => {
    const findings = await runChecks({ repoRoot, nodeModules });
    expect(findings.map(formatFinding)).toEqual([]);
  });
});
