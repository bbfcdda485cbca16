import { describe, expect, it } from "vitest";
import {
  FakeReadComparisonRecorder,
  mismatchedFields,
  SampledReadComparisonRecorder,
} from "./read-comparison.js";

const comparison = {
  entity: "customer" as const,
  key: "1000000",
  customerCode: "1000000",
  servedFrom: "legacy" as const,
  mismatchedFields: [],
  missingOn: null,
  at: new Date(0),
};

describe("read comparisons", () => {
  it("name the top-level fields that differ, ignoring one-side bookkeeping and key order", () => {
    const served = {
      a: { x: 1, y: 2 },
      b: "same",
      legacyRaw: { phone: "09" },
      migration: { stage: "shadow" },
    };
    const other = { b: "same", a: { y: 2, x: 1 }, legacyRaw: {}, c: null };
    expect(mismatchedFields(served, other)).toEqual(["c"]);
    expect(mismatchedFields({ a: 1 }, { a: 2 })).toEqual(["a"]);
  });

  it("are recorded at the configured ratio", async () => {
    const inner = new FakeReadComparisonRecorder();
    const draws = [0.05, 0.5, 0.09, 0.95];
    const sampled = new SampledReadComparisonRecorder(inner, 0.1, () => draws.shift() ?? 1);
    for (let i = 0; i < 4; i++) await sampled.record(comparison);
    expect(inner.recorded).toHaveLength(2);
  });
});
