import { describe, expect, it } from "vitest";
import { FakeFlagStore } from "./fake-flag-store.js";
import { FlagDefinitionInvalidError, FlagVersionConflictError } from "./flag-errors.js";

const definition = { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" };

describe("FakeFlagStore write rules (shared with the Firestore adapter)", () => {
  it("increments the version and records who wrote it", async () => {
    const store = new FakeFlagStore(() => new Date("2025-01-02T03:04:05Z"));
    const first = await store.writeFlag({
      key: "f",
      definition,
      expectedVersion: 0,
      updatedBy: "ops@luckygas.test",
      reason: "test",
    });
    const second = await store.writeFlag({
      key: "f",
      definition,
      expectedVersion: 1,
      updatedBy: "dev@luckygas.test",
      reason: "test",
    });
    expect(first.version).toBe(1);
    expect(second).toMatchObject({
      version: 2,
      updatedBy: "dev@luckygas.test",
      archived: false,
    });
    expect(second.updatedAt.toISOString()).toBe("2025-01-02T03:04:05.000Z");
    const history = await store.history("f");
    expect(history.map((change) => [change.version, change.actor, change.before === null])).toEqual([
      [1, "ops@luckygas.test", true],
      [2, "dev@luckygas.test", false],
    ]);
  });

  it("rejects a write based on a stale version with VERSION_CONFLICT", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({ key: "f", definition, expectedVersion: 0, updatedBy: "a", reason: "test" });
    const stale = store.writeFlag({
      key: "f",
      definition,
      expectedVersion: 0,
      updatedBy: "b",
      reason: "test",
    });
    await expect(stale).rejects.toBeInstanceOf(FlagVersionConflictError);
    await expect(stale).rejects.toMatchObject({ code: "VERSION_CONFLICT", actualVersion: 1 });
  });

  it("validates every write, archived ones included", async () => {
    const store = new FakeFlagStore();
    const bad = { ...definition, defaultVariant: "maybe" };
    await expect(
      store.writeFlag({
        key: "f",
        definition: bad,
        expectedVersion: 0,
        updatedBy: "a",
        reason: "test",
        archived: true,
      }),
    ).rejects.toBeInstanceOf(FlagDefinitionInvalidError);
    expect((await store.read()).flags.size).toBe(0);
  });

  it("refuses shared evaluators that would break a live flag's $ref", async () => {
    const store = new FakeFlagStore();
    await store.writeEvaluators({
      evaluators: { pilot: { in: [{ var: "targetingKey" }, ["C1"]] } },
      expectedVersion: 0,
      updatedBy: "a",
      reason: "test",
    });
    const refFlag = { ...definition, targeting: { if: [{ $ref: "pilot" }, "on", null] } };
    await store.writeFlag({
      key: "f",
      definition: refFlag,
      expectedVersion: 0,
      updatedBy: "a",
      reason: "test",
    });
    const breaking = store.writeEvaluators({
      evaluators: { pilot: { no_such_op: [] } },
      expectedVersion: 1,
      updatedBy: "a",
      reason: "test",
    });
    await expect(breaking).rejects.toMatchObject({ code: "INVALID_FLAG_DEFINITION" });
  });
});
