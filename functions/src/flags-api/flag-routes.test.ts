import { describe, expect, it } from "vitest";
import { FakeEvaluationCounts } from "../flags/evaluation-counts.js";
import { FakeFlagStore } from "../flags/fake-flag-store.js";
import { FlagAdminService } from "../flags/flag-admin-service.js";
import { testRouter } from "../http/test-router.js";
import { registerFlagRoutes } from "./flag-routes.js";

const definition = { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" };

function setUp() {
  const store = new FakeFlagStore();
  const counts = new FakeEvaluationCounts();
  const { router, call } = testRouter();
  registerFlagRoutes(router, { admin: new FlagAdminService(store), counts });
  return { store, counts, call };
}

const create = {
  token: "admin",
  headers: { "if-none-match": "*" },
  body: { definition, reason: "new flag" },
};

describe("flag admin routes", () => {
  it("creates with If-None-Match: *, answers the version as ETag and audits who and why", async () => {
    const { call } = setUp();
    const created = await call("PUT", "/v1/flags/beta", create);
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const history = await call("GET", "/v1/flags/beta/history", { token: "viewer" });
    expect(history.body).toMatchObject({
      changes: [
        { version: 1, actor: "admin@luckygas.test", reason: "new flag", before: null, after: definition },
      ],
    });
  });

  it("refuses edits without If-Match (428), stale ones (412), bad definitions (400 with the path) and no reason", async () => {
    const { call, store } = setUp();
    await call("PUT", "/v1/flags/beta", create);
    const body = { definition: { ...definition, defaultVariant: "maybe" }, reason: "typo" };
    expect((await call("PUT", "/v1/flags/beta", { token: "admin", body })).status).toBe(428);
    const stale = await call("PUT", "/v1/flags/beta", {
      token: "admin",
      body,
      headers: { "if-match": '"0"' },
    });
    expect(stale.status).toBe(412);
    const bad = await call("PUT", "/v1/flags/beta", { token: "admin", body, headers: { "if-match": '"1"' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ path: expect.stringContaining("defaultVariant") }] });
    const noReason = await call("PUT", "/v1/flags/beta", {
      token: "admin",
      body: { definition },
      headers: { "if-match": '"1"' },
    });
    expect(noReason.status).toBe(400);
    expect((await store.read()).flags.get("beta")?.version).toBe(1);
    expect(await store.history("beta")).toHaveLength(1);
  });

  it("lets viewers read but not write", async () => {
    const { call } = setUp();
    await call("PUT", "/v1/flags/beta", create);
    expect((await call("GET", "/v1/flags", { token: "viewer" })).body).toMatchObject({
      flags: [{ key: "beta" }],
    });
    const write = await call("POST", "/v1/flags/beta:kill", {
      token: "viewer",
      body: { reason: "x" },
      headers: { "if-match": '"1"' },
    });
    expect(write.status).toBe(403);
    expect((await call("GET", "/v1/flags")).status).toBe(401);
    // Authorized before the body is read: an anonymous caller is not told what a valid body looks like.
    const anonymous = await call("PUT", "/v1/flags/beta", { body: { wrong: true } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).not.toHaveProperty("errors");
    expect((await call("GET", "/v1/flags", { token: "viewer", query: { filter: "x" } })).status).toBe(400);
  });

  it("shortcuts write new audited versions, and revert restores an earlier definition", async () => {
    const { call } = setUp();
    await call("PUT", "/v1/flags/beta", create);
    const rollout = await call("POST", "/v1/flags/beta:rollout", {
      token: "admin",
      body: { variant: "on", percentage: 20, reason: "pilot" },
      headers: { "if-match": '"1"' },
    });
    expect(rollout).toMatchObject({ status: 200, headers: { etag: '"2"' } });
    const listed = await call("POST", "/v1/flags/beta:targeting", {
      token: "admin",
      body: { variant: "on", add: ["1000001"], reason: "friendly customer" },
      headers: { "if-match": '"2"' },
    });
    expect(listed.status).toBe(200);
    const killed = await call("POST", "/v1/flags/beta:kill", {
      token: "admin",
      body: { reason: "incident" },
      headers: { "if-match": '"3"' },
    });
    expect(killed.body).toMatchObject({ definition: { state: "DISABLED" } });
    const reverted = await call("POST", "/v1/flags/beta:revert", {
      token: "admin",
      body: { version: 1, reason: "back to start" },
      headers: { "if-match": '"4"' },
    });
    expect(reverted.body).toMatchObject({ version: 5, definition });
    const history = await call("GET", "/v1/flags/beta/history", { token: "viewer" });
    const reasons = (history.body as { changes: { reason: string }[] }).changes.map((c) => c.reason);
    expect(reasons).toEqual(["new flag", "pilot", "friendly customer", "incident", "back to start"]);
  });

  it("rejects weights that do not sum to 100 and changes nothing", async () => {
    const { call, store } = setUp();
    await call("PUT", "/v1/flags/beta", create);
    const response = await call("POST", "/v1/flags/beta:weights", {
      token: "admin",
      body: { weights: { on: 60, off: 30 }, reason: "r" },
      headers: { "if-match": '"1"' },
    });
    expect(response.status).toBe(400);
    expect((await store.read()).flags.get("beta")?.version).toBe(1);
  });

  it("reports an experiment per variant against the control", async () => {
    const { call, counts } = setUp();
    await call("PUT", "/v1/flags/beta", create);
    await counts.write([
      {
        flagKey: "beta",
        flagVersion: 1,
        variant: "off",
        evaluations: 900,
        exposures: 400,
        conversions: { order: 40 },
      },
      {
        flagKey: "beta",
        flagVersion: 1,
        variant: "on",
        evaluations: 800,
        exposures: 400,
        conversions: { order: 80 },
      },
    ]);
    const report = await call("GET", "/v1/flags/beta/experiment", {
      token: "viewer",
      query: { event: "order" },
    });
    expect(report.body).toMatchObject({
      control: "off",
      variants: [
        { variant: "off", exposures: 400, conversions: 40, conversionRate: 0.1 },
        { variant: "on", exposures: 400, conversions: 80, conversionRate: 0.2 },
      ],
    });
    const on = (report.body as { variants: { pValue?: number }[] }).variants[1];
    expect(on?.pValue).toBeLessThan(0.001);
  });
});
