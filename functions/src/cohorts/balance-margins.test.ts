import { describe, expect, it } from "vitest";
import { balanceMargins } from "./balance-margins.js";

const stratum = (count: number, margins: string[], expected: number) => ({
  count,
  lower: 0,
  upper: 1,
  margins,
  expected,
});

describe("balanceMargins", () => {
  it("moves a member within the roundings so both dimensions meet their shares", () => {
    // Largest remainder gave both members to type R (2 against 1.2): one moves to type S in the same area.
    const strata = [
      stratum(1, ["area=X", "type=R"], 0.6),
      stratum(1, ["area=Y", "type=R"], 0.6),
      stratum(0, ["area=X", "type=S"], 0.4),
      stratum(0, ["area=Y", "type=S"], 0.4),
    ];
    const targets = new Map([
      ["area=X", 1],
      ["area=Y", 1],
      ["type=R", 1.2],
      ["type=S", 0.8],
    ]);
    expect(balanceMargins(strata, targets)).toEqual([0, 1, 1, 0]);
  });

  it("leaves an allocation alone when no move within the bounds helps", () => {
    const strata = [stratum(1, ["area=X", "type=R"], 0.5), stratum(0, ["area=Y", "type=S"], 0.5)];
    const targets = new Map([
      ["area=X", 0.5],
      ["area=Y", 0.5],
      ["type=R", 0.5],
      ["type=S", 0.5],
    ]);
    expect(balanceMargins(strata, targets)).toEqual([1, 0]);
  });

  it("never moves a count out of its bounds", () => {
    const strata = [
      { count: 2, lower: 2, upper: 2, margins: ["area=X", "type=R"], expected: 1 },
      { count: 0, lower: 0, upper: 0, margins: ["area=Y", "type=S"], expected: 1 },
    ];
    const targets = new Map([
      ["area=X", 1],
      ["area=Y", 1],
      ["type=R", 1],
      ["type=S", 1],
    ]);
    expect(balanceMargins(strata, targets)).toEqual([2, 0]);
  });
});
