import { describe, expect, it } from "vitest";
import { readRouted } from "./customer-routing.js";
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
  latencyMs: {},
  errors: {},
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

  it("record each origin's latency and failure, and still fail the caller only when the served side fails", async () => {
    const recorder = new FakeReadComparisonRecorder();
    const route = {
      readFrom: "new" as const,
      compare: true,
      writeOrder: ["new" as const, "legacy" as const],
    };
    const describe = { entity: "customer" as const, key: "1000000", customerCode: "1000000" };
    const record = { value: { shortName: "王記" }, etag: "1" };
    const served = await readRouted(
      route,
      async (side) => {
        if (side === "legacy") throw new Error("legacy down");
        return record;
      },
      recorder,
      describe,
    );
    expect(served).toBe(record);
    expect(recorder.recorded[0]).toMatchObject({
      servedFrom: "new",
      errors: { legacy: "Error: legacy down" },
    });
    expect(Object.keys(recorder.recorded[0]?.latencyMs ?? {}).sort()).toEqual(["legacy", "new"]);

    const failing = readRouted(
      route,
      async () => Promise.reject(new Error("firestore down")),
      recorder,
      describe,
    );
    await expect(failing).rejects.toThrow("firestore down");
    expect(recorder.recorded[1]?.errors).toEqual({
      new: "Error: firestore down",
      legacy: "Error: firestore down",
    });
  });
});
