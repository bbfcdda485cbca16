import { OpenFeature, ProviderEvents, ProviderStatus } from "@openfeature/server-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { FakeFlagStore } from "./fake-flag-store.js";
import { InMemoryFlagProvider } from "./in-memory-flag-provider.js";

const stageFlag = {
  state: "ENABLED",
  variants: { off: "off", live: "live" },
  defaultVariant: "off",
  targeting: { if: [{ in: [{ var: "targetingKey" }, ["1000001"]] }, "live", null] },
};
const splitFlag = {
  state: "ENABLED",
  variants: { control: false, treatment: true },
  defaultVariant: "control",
  targeting: {
    fractional: [
      ["control", 50],
      ["treatment", 50],
    ],
  },
};

const providers: InMemoryFlagProvider[] = [];

async function readyProvider(store: FakeFlagStore): Promise<InMemoryFlagProvider> {
  const provider = new InMemoryFlagProvider(store, { resubscribeDelayMs: () => 5 });
  providers.push(provider);
  await provider.initialize();
  return provider;
}

afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.onClose()));
});

describe("InMemoryFlagProvider", () => {
  it("serves STATIC, TARGETING_MATCH, DEFAULT, SPLIT and DISABLED reasons with variants", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({
      key: "stage",
      definition: stageFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    await store.writeFlag({
      key: "split",
      definition: splitFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    const staticDef = { state: "ENABLED", variants: { on: true }, defaultVariant: "on" };
    await store.writeFlag({
      key: "static",
      definition: staticDef,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    const provider = await readyProvider(store);

    expect(provider.evaluate("string", "stage", "x", { targetingKey: "1000001" })).toMatchObject({
      value: "live",
      variant: "live",
      reason: "TARGETING_MATCH",
    });
    expect(provider.evaluate("string", "stage", "x", { targetingKey: "1000002" })).toMatchObject({
      value: "off",
      reason: "DEFAULT",
    });
    expect(provider.evaluate("boolean", "split", false, { targetingKey: "1000002" }).reason).toBe("SPLIT");
    expect(provider.evaluate("boolean", "static", false, {})).toMatchObject({
      value: true,
      reason: "STATIC",
    });

    await store.writeFlag({
      key: "static",
      definition: { ...staticDef, state: "DISABLED" },
      expectedVersion: 1,
      updatedBy: "t",
      reason: "test",
    });
    expect(provider.evaluate("boolean", "static", false, {})).toMatchObject({
      value: false,
      reason: "DISABLED",
    });
  });

  it("answers errors as results, never by throwing", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({
      key: "stage",
      definition: stageFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    const provider = await readyProvider(store);
    expect(provider.evaluate("string", "nope", "fallback", {})).toMatchObject({
      value: "fallback",
      reason: "ERROR",
      errorCode: "FLAG_NOT_FOUND",
    });
    expect(provider.evaluate("boolean", "stage", true, {})).toMatchObject({
      value: true,
      reason: "ERROR",
      errorCode: "TYPE_MISMATCH",
    });
  });

  it("carries the stored version in flag metadata", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({
      key: "stage",
      definition: stageFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    await store.writeFlag({
      key: "stage",
      definition: stageFlag,
      expectedVersion: 1,
      updatedBy: "t",
      reason: "test",
    });
    const provider = await readyProvider(store);
    expect(provider.evaluate("string", "stage", "x", {}).flagMetadata?.flagVersion).toBe(2);
  });

  it("keeps the last definitions with reason STALE when the stream is lost, and recovers", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({
      key: "stage",
      definition: stageFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    const provider = await readyProvider(store);
    const events: string[] = [];
    provider.events.addHandler(ProviderEvents.Stale, () => events.push("stale"));
    provider.events.addHandler(ProviderEvents.Ready, () => events.push("ready"));

    store.breakListeners();
    expect(provider.evaluate("string", "stage", "x", { targetingKey: "1000001" })).toMatchObject({
      value: "live",
      variant: "live",
      reason: "STALE",
    });
    expect(provider.isStale).toBe(true);

    await waitFor(() => store.listenerCount === 1);
    expect(provider.isStale).toBe(false);
    expect(provider.evaluate("string", "stage", "x", { targetingKey: "1000001" }).reason).toBe(
      "TARGETING_MATCH",
    );
    await waitFor(() => events.length === 2);
    expect(events).toEqual(["stale", "ready"]);
  });

  it("works behind the OpenFeature client and reports STALE status", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({
      key: "stage",
      definition: stageFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    const provider = new InMemoryFlagProvider(store, { resubscribeDelayMs: () => 60_000 });
    providers.push(provider);
    await OpenFeature.setProviderAndWait("provider-test", provider);
    const client = OpenFeature.getClient("provider-test");
    const details = await client.getStringDetails("stage", "x", { targetingKey: "1000001" });
    expect(details).toMatchObject({ value: "live", variant: "live", reason: "TARGETING_MATCH" });

    store.breakListeners();
    await waitFor(() => client.providerStatus === ProviderStatus.STALE);
    expect((await client.getStringDetails("stage", "x", { targetingKey: "1000001" })).value).toBe("live");
  });

  it("keeps serving the other flags when a stored document cannot be loaded", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({
      key: "stage",
      definition: stageFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    const provider = await readyProvider(store);
    // A broken document that bypassed validation (e.g. edited by hand in the console).
    const broken = { ...stageFlag, defaultVariant: "missing" };
    store.putUnvalidated({
      key: "broken",
      definition: broken,
      version: 1,
      updatedBy: "console",
      updatedAt: new Date(),
      archived: false,
    });
    expect(provider.evaluate("string", "stage", "x", {}).value).toBe("off");
    expect(provider.evaluate("string", "broken", "x", {}).errorCode).toBe("FLAG_NOT_FOUND");
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
