import { describe, expect, it } from "vitest";
import { composeTargeting, decomposeTargeting } from "./targeting-parts.js";

describe("targeting parts", () => {
  it("keeps hand-written targeting as the untouched rest", () => {
    const handWritten = {
      if: [
        { starts_with: [{ var: "targetingKey" }, "T00001"] },
        "shadow",
        {
          fractional: [
            ["a", 50],
            ["b", 50],
          ],
        },
      ],
    };
    const parts = decomposeTargeting(handWritten);
    expect(parts).toEqual({ lists: [], schedule: undefined, rest: handWritten });
    expect(composeTargeting(parts)).toEqual(handWritten);
  });

  it("round-trips lists, schedule and rest", () => {
    const parts = {
      lists: [
        { variant: "on", customers: ["C1", "C2"] },
        { variant: "off", customers: ["C3"] },
      ],
      schedule: { startSeconds: 100, endSeconds: 200, outsideVariant: "off" },
      rest: {
        fractional: [
          ["on", 10],
          ["off", 90],
        ],
      },
    };
    expect(decomposeTargeting(composeTargeting(parts))).toEqual(parts);
  });

  it("treats a list rule followed by other if-branches as lists plus a nested if", () => {
    const targeting = {
      if: [{ in: [{ var: "targetingKey" }, ["C1"]] }, "on", { "==": [{ var: "area" }, "台東"] }, "on", "off"],
    };
    const parts = decomposeTargeting(targeting);
    expect(parts.lists).toEqual([{ variant: "on", customers: ["C1"] }]);
    expect(parts.rest).toEqual({ if: [{ "==": [{ var: "area" }, "台東"] }, "on", "off"] });
    expect(composeTargeting(parts)).toEqual({
      if: [
        { in: [{ var: "targetingKey" }, ["C1"]] },
        "on",
        { if: [{ "==": [{ var: "area" }, "台東"] }, "on", "off"] },
      ],
    });
  });
});
