import { afterEach, describe, expect, it } from "vitest";
import { FakeFlagStore } from "./fake-flag-store.js";
import { InMemoryFlagProvider } from "./in-memory-flag-provider.js";
import { evaluateOfrep } from "./ofrep-handler.js";

const stage = {
  state: "ENABLED",
  variants: { off: "off", live: "live" },
  defaultVariant: "off",
  targeting: { if: [{ in: [{ var: "targetingKey" }, ["1000001"]] }, "live", null] },
};
const disabled = { state: "DISABLED", variants: { on: true }, defaultVariant: "on" };
const needsVersion = {
  state: "ENABLED",
  variants: { a: 1, b: 2 },
  defaultVariant: "a",
  targeting: { if: [{ sem_ver: [{ var: "appVersion" }, ">=", "2.0.0"] }, "b", "a"] },
};

let provider: InMemoryFlagProvider;
afterEach(() => provider.onClose());

async function providerWithFlags(): Promise<InMemoryFlagProvider> {
  const store = new FakeFlagStore();
  await store.writeFlag({
    key: "stage",
    definition: stage,
    expectedVersion: 0,
    updatedBy: "t",
    reason: "test",
  });
  await store.writeFlag({
    key: "old",
    definition: disabled,
    expectedVersion: 0,
    updatedBy: "t",
    reason: "test",
  });
  await store.writeFlag({
    key: "limit",
    definition: needsVersion,
    expectedVersion: 0,
    updatedBy: "t",
    reason: "test",
  });
  provider = new InMemoryFlagProvider(store);
  await provider.initialize();
  return provider;
}

describe("evaluateOfrep", () => {
  it("evaluates one flag with the posted context", async () => {
    const response = evaluateOfrep(await providerWithFlags(), "stage", {
      context: { targetingKey: "1000001" },
    });
    expect(response).toEqual({
      status: 200,
      body: {
        key: "stage",
        value: "live",
        reason: "TARGETING_MATCH",
        variant: "live",
        metadata: { flagVersion: 1 },
      },
    });
  });

  it("answers 404 FLAG_NOT_FOUND for unknown and disabled flags", async () => {
    const p = await providerWithFlags();
    expect(evaluateOfrep(p, "nope", {})).toMatchObject({
      status: 404,
      body: { key: "nope", errorCode: "FLAG_NOT_FOUND" },
    });
    expect(evaluateOfrep(p, "old", {})).toMatchObject({ status: 404, body: { errorCode: "FLAG_NOT_FOUND" } });
  });

  it("answers 400 INVALID_CONTEXT for a malformed body", async () => {
    const response = evaluateOfrep(await providerWithFlags(), "stage", { context: "1000001" });
    expect(response).toMatchObject({ status: 400, body: { key: "stage", errorCode: "INVALID_CONTEXT" } });
  });

  it("evaluates every enabled flag in bulk", async () => {
    const response = evaluateOfrep(await providerWithFlags(), undefined, {
      context: { appVersion: "2.1.0" },
    });
    expect(response.status).toBe(200);
    const flags = (response.body as { flags: { key: string; value?: unknown }[] }).flags;
    expect(flags.map((f) => [f.key, f.value]).sort()).toEqual([
      ["limit", 2],
      ["stage", "off"],
    ]);
  });
});
