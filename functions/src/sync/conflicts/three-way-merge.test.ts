import { describe, expect, it } from "vitest";
import type { ResolutionPolicy } from "./conflict-policy.js";
import { parseConflictPolicy, policyFor } from "./conflict-policy.js";
import { type MergeInput, threeWayMerge } from "./three-way-merge.js";

const columns = ["name", "balance", "remark"];
const base = { name: "A", balance: 100, remark: "r" };

function merge(overrides: Partial<MergeInput>, policy: ResolutionPolicy = "manual") {
  return threeWayMerge({
    columns,
    base,
    incoming: base,
    current: base,
    incomingSide: "legacy",
    newestSideOf: () => "legacy",
    policyFor: () => policy,
    supersededIncoming: {},
    incomingVersion: 10,
    ...overrides,
  });
}

describe("threeWayMerge", () => {
  it("takes fields changed only on the incoming side and keeps fields changed only on the receiving side", () => {
    const result = merge({ incoming: { ...base, name: "B" }, current: { ...base, remark: "mine" } });
    expect(result.merged).toEqual({ name: "B", balance: 100, remark: "mine" });
    expect(result.manual).toEqual([]);
    expect(result.base).toEqual({ name: "B", balance: 100, remark: "r" });
    expect(result.changed).toBe(true);
  });

  it("holds a field changed on both sides for a person under manual, keeping the receiving value", () => {
    const result = merge({ incoming: { ...base, balance: 150 }, current: { ...base, balance: 90 } });
    expect(result.merged.balance).toBe(90);
    expect(result.manual).toEqual([{ column: "balance", base: 100, legacy: 150, new: 90 }]);
    expect(result.changed).toBe(false);
  });

  it.each([
    ["legacy-wins", "legacy", 150],
    ["new-wins", "legacy", 90],
    ["newest-wins", "legacy", 150],
    ["newest-wins", "new", 90],
  ] as const)("%s (newest %s) resolves a both-sides change to %d", (policy, newestSide, expected) => {
    const result = merge(
      {
        incoming: { ...base, balance: 150 },
        current: { ...base, balance: 90 },
        newestSideOf: () => newestSide,
      },
      policy,
    );
    expect(result.merged.balance).toBe(expected);
    expect(result.manual).toEqual([]);
  });

  it("remembers the receiving side's losing value so its stale copy in flight is ignored", () => {
    const first = merge(
      { incoming: { ...base, balance: 150 }, current: { ...base, balance: 90 } },
      "legacy-wins",
    );
    expect(first.superseded.new).toEqual({ balance: { value: 90, belowVersion: null } });
    const stale = threeWayMerge({
      columns,
      base: first.base,
      incoming: { ...base, balance: 90 },
      current: first.merged,
      incomingSide: "new",
      newestSideOf: () => "new",
      policyFor: () => "legacy-wins",
      supersededIncoming: { balance: { value: 90, belowVersion: 5 } },
      incomingVersion: 4,
    });
    expect(stale.merged.balance).toBe(150);
    expect(stale.changed).toBe(false);
  });

  it("marks every column it overwrites, so an older whole-row message from that side cannot revert it", () => {
    const applied = merge({ incoming: { ...base, remark: "from legacy" } });
    expect(applied.superseded.new).toEqual({ remark: { value: "r", belowVersion: null } });
    const olderFromNew = threeWayMerge({
      columns,
      base: applied.base,
      incoming: { ...base, balance: 80 },
      current: { ...base, remark: "from legacy" },
      incomingSide: "new",
      newestSideOf: () => "new",
      policyFor: () => "manual",
      supersededIncoming: { remark: { value: "r", belowVersion: 7 } },
      incomingVersion: 6,
    });
    expect(olderFromNew.merged).toEqual({ name: "A", balance: 80, remark: "from legacy" });
    const newerFromNew = threeWayMerge({
      columns,
      base: applied.base,
      incoming: { ...base, remark: "edited later" },
      current: { ...base, remark: "from legacy" },
      incomingSide: "new",
      newestSideOf: () => "new",
      policyFor: () => "manual",
      supersededIncoming: { remark: { value: "r", belowVersion: 7 } },
      incomingVersion: 7,
    });
    expect(newerFromNew.merged.remark).toBe("edited later");
  });

  it("with no base (both sides created the record), lets the policy decide every field they disagree on", () => {
    const created = {
      legacy: { ...base, balance: 150, remark: "x" },
      new: { ...base, balance: 90, remark: "y" },
    };
    const manual = merge({ base: null, incoming: created.legacy, current: created.new });
    expect(manual.merged).toEqual(created.new);
    expect(manual.manual.map((field) => [field.column, field.base, field.legacy, field.new])).toEqual([
      ["balance", null, 150, 90],
      ["remark", null, "x", "y"],
    ]);
    const newest = merge({ base: null, incoming: created.legacy, current: created.new }, "newest-wins");
    expect(newest.merged).toEqual(created.legacy);
    const agreed = merge({
      base: null,
      incoming: { ...base, remark: "same" },
      current: { ...base, remark: "same" },
    });
    expect(agreed.changed).toBe(false);
    expect(agreed.base).toEqual({ ...base, remark: "same" });
  });

  it("applying the same incoming row twice changes nothing the second time", () => {
    const first = merge({ incoming: { ...base, name: "B" } });
    const second = merge({ base: first.base, incoming: { ...base, name: "B" }, current: first.merged });
    expect(second.changed).toBe(false);
    expect(second.merged).toEqual(first.merged);
  });
});

describe("conflict policy", () => {
  it("defaults to manual for money and quantities and newest-wins elsewhere", () => {
    const policy = parseConflictPolicy(undefined);
    expect(policyFor(policy, "customer", "balance")).toBe("manual");
    expect(policyFor(policy, "order", "qty_20")).toBe("manual");
    expect(policyFor(policy, "order", "flow_kg")).toBe("manual");
    expect(policyFor(policy, "customer", "remark")).toBe("newest-wins");
  });

  it("rejects unknown groups and policies", () => {
    expect(() => parseConflictPolicy('{"customer":{"money":"coin-flip"}}')).toThrow();
    expect(() => parseConflictPolicy('{"customer":{"colour":"manual"}}')).toThrow();
  });
});

describe("threeWayMerge under newest-wins", () => {
  it("asks which side edited each FIELD last: one record can go both ways", () => {
    const result = merge(
      {
        incoming: { ...base, balance: 150, remark: "legacy's" },
        current: { ...base, balance: 90, remark: "new's" },
        newestSideOf: (column) => (column === "remark" ? "legacy" : "new"),
      },
      "newest-wins",
    );
    expect([result.merged.balance, result.merged.remark]).toEqual([90, "legacy's"]);
  });
});
