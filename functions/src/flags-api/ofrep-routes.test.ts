import { afterEach, describe, expect, it } from "vitest";
import { FakeFlagStore } from "../flags/fake-flag-store.js";
import { InMemoryFlagProvider } from "../flags/in-memory-flag-provider.js";
import { testRouter } from "../http/test-router.js";
import { registerOfrepRoutes } from "./ofrep-routes.js";

const providers: InMemoryFlagProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.onClose()));
});

async function setUp(ready?: Promise<void>) {
  const store = new FakeFlagStore();
  await store.writeFlag({
    key: "banner",
    definition: { state: "ENABLED", variants: { plain: "a", festive: "b" }, defaultVariant: "plain" },
    expectedVersion: 0,
    updatedBy: "t",
    reason: "test",
  });
  const provider = new InMemoryFlagProvider(store);
  providers.push(provider);
  const { router, call } = testRouter();
  registerOfrepRoutes(router, {
    provider,
    ready: ready ?? provider.initialize(),
    readyTimeoutMs: 50,
  });
  return { store, call };
}

const context = { context: { targetingKey: "1000001" } };

describe("OFREP routes", () => {
  it("answers a bulk request with an ETag and 304 to If-None-Match until a flag changes", async () => {
    const { call, store } = await setUp();
    const first = await call("POST", "/ofrep/v1/evaluate/flags", { token: "viewer", body: context });
    expect(first.body).toMatchObject({ flags: [{ key: "banner", value: "a" }] });
    const etag = first.headers.etag ?? "";
    const again = await call("POST", "/ofrep/v1/evaluate/flags", {
      token: "viewer",
      body: context,
      headers: { "if-none-match": etag },
    });
    expect(again).toMatchObject({ status: 304, body: undefined });
    await store.writeFlag({
      key: "banner",
      definition: { state: "ENABLED", variants: { plain: "a", festive: "b" }, defaultVariant: "festive" },
      expectedVersion: 1,
      updatedBy: "t",
      reason: "test",
    });
    const changed = await call("POST", "/ofrep/v1/evaluate/flags", {
      token: "viewer",
      body: context,
      headers: { "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("needs a token, and answers 503 rather than hanging while flags have not loaded", async () => {
    const { call } = await setUp(new Promise<void>(() => {}));
    expect((await call("POST", "/ofrep/v1/evaluate/flags/banner", { body: context })).status).toBe(401);
    const waiting = await call("POST", "/ofrep/v1/evaluate/flags/banner", { token: "viewer", body: context });
    expect(waiting.status).toBe(503);
  });

  it("answers a malformed context with the OFREP error shape", async () => {
    const { call } = await setUp();
    const bad = await call("POST", "/ofrep/v1/evaluate/flags/banner", {
      token: "viewer",
      body: { context: 5 },
    });
    expect(bad).toMatchObject({ status: 400, body: { key: "banner", errorCode: "INVALID_CONTEXT" } });
  });
});
