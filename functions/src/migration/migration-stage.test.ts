import { describe, expect, it } from "vitest";
import { migrationStages } from "../domain/customer.js";
import { routeForStage } from "./migration-stage.js";

describe("stage table (LaunchDarkly six-stage semantics)", () => {
  it("routes reads and writes per stage", () => {
    const table = Object.fromEntries(migrationStages.map((stage) => [stage, routeForStage(stage)]));
    expect(table).toEqual({
      off: { readFrom: "legacy", compare: false, writeOrder: ["legacy"] },
      dualwrite: { readFrom: "legacy", compare: false, writeOrder: ["legacy", "new"] },
      shadow: { readFrom: "legacy", compare: true, writeOrder: ["legacy", "new"] },
      live: { readFrom: "new", compare: true, writeOrder: ["new", "legacy"] },
      rampdown: { readFrom: "new", compare: false, writeOrder: ["new", "legacy"] },
      complete: { readFrom: "new", compare: false, writeOrder: ["new"] },
    });
  });
});
