import { afterEach, describe, expect, it } from "vitest";
import { brokenModules } from "./broken-modules.js";
import { checkIds, formatFinding } from "./findings.js";
import { ProviderSchemas } from "./provider-schema.js";
import { copyRepo, type Fixture, nodeModules } from "./repo-fixture.js";
import { runChecks } from "./run-checks.js";

const schemas = new ProviderSchemas(nodeModules);
let fixture: Fixture | undefined;
afterEach(() => fixture?.remove());

describe("each check catches its fault in an otherwise correct copy", () => {
  it("has at least one broken module for every check", () => {
    const covered = new Set(brokenModules.map((broken) => broken.check));
    expect(checkIds.filter((id) => !covered.has(id))).toEqual([]);
  });

  it("finds nothing in the unbroken copy", async () => {
    fixture = copyRepo();
    expect((await runChecks({ repoRoot: fixture.root, nodeModules, schemas })).map(formatFinding)).toEqual(
      [],
    );
  });

  it.each(brokenModules)("$check: $name", async (broken) => {
    fixture = copyRepo();
    for (const { file, from, to } of broken.edits) fixture.edit(file, from, to);
    const findings = await runChecks({ repoRoot: fixture.root, nodeModules, schemas });
    expect(findings.length, "the fault went unnoticed").toBeGreaterThan(0);
    // Exactly its check: a second check reporting the same fault would make messages ambiguous.
    expect(findings.filter((f) => f.check !== broken.check).map(formatFinding)).toEqual([]);
  });
});
