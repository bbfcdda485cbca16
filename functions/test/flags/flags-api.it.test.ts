import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, type FlagsTestStack, startFlagsTestStack } from "./flags-test-stack.js";

let stack: FlagsTestStack;
let a: string;
let b: string;

beforeAll(async () => {
  stack = await startFlagsTestStack("flagsapi");
  [a, b] = stack.apis.map((api) => api.url) as [string, string];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const betaFlag = {
  state: "ENABLED",
  variants: { on: true, off: false },
  defaultVariant: "off",
};

async function create(key: string, definition: object = betaFlag) {
  const created = await callApi(a, "PUT", `/v1/flags/${key}`, {
    token: stack.tokens.admin,
    headers: { "if-none-match": "*" },
    body: { definition, reason: "created by test" },
  });
  expect(created.status).toBe(201);
  return created;
}

const ofrep = (base: string, key: string, targetingKey: string) =>
  callApi(base, "POST", `/ofrep/v1/evaluate/flags/${key}`, {
    token: stack.tokens.viewer,
    body: { context: { targetingKey } },
  });

describe("flag admin API on a running api function", () => {
  it("gives exactly one of two concurrent edits at the same ETag, the other gets 412", async () => {
    await create("race");
    const edit = (reason: string) =>
      callApi(a, "POST", "/v1/flags/race:kill", {
        token: stack.tokens.admin,
        headers: { "if-match": '"1"' },
        body: { reason },
      });
    const answers = await Promise.all([edit("first"), edit("second")]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
    const history = await callApi(a, "GET", "/v1/flags/race/history", { token: stack.tokens.viewer });
    expect((history.body as { changes: unknown[] }).changes).toHaveLength(2);
  });

  it("requires If-Match (428), names the JSON path of a bad definition (400) and stores nothing then", async () => {
    await create("strict");
    const bad = { definition: { ...betaFlag, defaultVariant: "maybe" }, reason: "typo" };
    const withoutEtag = await callApi(a, "PUT", "/v1/flags/strict", { token: stack.tokens.admin, body: bad });
    expect(withoutEtag.status).toBe(428);
    const invalid = await callApi(a, "PUT", "/v1/flags/strict", {
      token: stack.tokens.admin,
      headers: { "if-match": '"1"' },
      body: bad,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("content-type")).toContain("application/problem+json");
    expect(invalid.body).toMatchObject({ errors: [{ path: expect.stringContaining("defaultVariant") }] });
    const read = await callApi(a, "GET", "/v1/flags/strict", { token: stack.tokens.operator });
    expect(read.headers.get("etag")).toBe('"1"');
    const denied = await callApi(a, "POST", "/v1/flags/strict:kill", {
      token: stack.tokens.operator,
      headers: { "if-match": '"1"' },
      body: { reason: "not mine to do" },
    });
    expect(denied.status).toBe(403);
  });

  it("a change made through one instance is served by a second instance's OFREP within 1 s", async () => {
    await create("propagation", { ...betaFlag, defaultVariant: "off" });
    await expect
      .poll(async () => (await ofrep(b, "propagation", "1000001")).body, { timeout: 5000 })
      .toMatchObject({
        value: false,
      });
    const changed = await callApi(a, "POST", "/v1/flags/propagation:rollout", {
      token: stack.tokens.admin,
      headers: { "if-match": '"1"' },
      body: { variant: "on", percentage: 100, reason: "everyone on" },
    });
    expect(changed.status).toBe(200);
    const started = performance.now();
    let seen: unknown;
    while (performance.now() - started < 1000) {
      seen = (await ofrep(b, "propagation", "1000001")).body;
      if ((seen as { value?: unknown }).value === true) break;
    }
    const elapsedMs = Math.round(performance.now() - started);
    console.log(`flag change visible on the second instance after ${elapsedMs} ms`);
    expect(seen).toMatchObject({ value: true, variant: "on", metadata: { flagVersion: 2 } });
  });

  it("audits every change with who, when, why and before/after, and reverts to an earlier version", async () => {
    await create("audited");
    await callApi(a, "POST", "/v1/flags/audited:targeting", {
      token: stack.tokens.admin,
      headers: { "if-match": '"1"' },
      body: { variant: "on", add: ["1000042"], reason: "pilot customer" },
    });
    await expect.poll(async () => (await ofrep(b, "audited", "1000042")).body).toMatchObject({ value: true });
    const reverted = await callApi(a, "POST", "/v1/flags/audited:revert", {
      token: stack.tokens.admin,
      headers: { "if-match": '"2"' },
      body: { version: 1, reason: "pilot over" },
    });
    expect(reverted.body).toMatchObject({ version: 3, definition: betaFlag });
    const history = await callApi(a, "GET", "/v1/flags/audited/history", { token: stack.tokens.viewer });
    const changes = (history.body as { changes: Record<string, unknown>[] }).changes;
    expect(changes.map((change) => change.reason)).toEqual([
      "created by test",
      "pilot customer",
      "pilot over",
    ]);
    expect(changes[1]).toMatchObject({ actor: expect.stringContaining("-admin-"), before: betaFlag });
    expect(changes[2]).toMatchObject({ after: betaFlag, at: expect.any(String) });
  });

  it("flushes evaluation counts to Firestore and reports them per variant", async () => {
    await create("experiment", {
      ...betaFlag,
      targeting: {
        fractional: [
          ["on", 50],
          ["off", 50],
        ],
      },
    });
    await expect.poll(async () => (await ofrep(b, "experiment", "C0001")).status).toBe(200);
    for (let i = 0; i < 40; i++) await ofrep(b, "experiment", `C${String(i).padStart(4, "0")}`);
    await expect
      .poll(
        async () => {
          const report = await callApi(a, "GET", "/v1/flags/experiment/experiment?event=order", {
            token: stack.tokens.viewer,
          });
          const variants = (report.body as { variants: { exposures: number }[] }).variants ?? [];
          return variants.reduce((sum, variant) => sum + variant.exposures, 0);
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(40);
  });
});

describe("migration stage API", () => {
  it("advances only verified customers to live, rolls back through the sync drain, and keeps the history", async () => {
    const code = "8000001";
    const admin = { token: stack.tokens.admin };
    const initial = await callApi(a, "GET", `/v1/migration/customers/${code}`, {
      token: stack.tokens.viewer,
    });
    expect(initial.body).toMatchObject({ stage: "off", assignment: null, history: [] });
    const toLive = { ...admin, body: { to: "live", reason: "pilot" } };
    const advance = (to: string) =>
      callApi(a, "POST", `/v1/migration/customers/${code}:advance`, {
        ...admin,
        body: { to, reason: "pilot" },
      });
    // Straight from off to live skips two stages: refused, as is live before a verification.
    expect((await callApi(a, "POST", `/v1/migration/customers/${code}:advance`, toLive)).status).toBe(409);
    expect((await advance("dualwrite")).status).toBe(200);
    expect((await advance("shadow")).status).toBe(200);
    expect((await callApi(a, "POST", `/v1/migration/customers/${code}:advance`, toLive)).status).toBe(409);
    await stack.db.collection("syncVerifications").doc(code).set({ equal: true, verifiedAt: new Date() });
    const advanced = await callApi(a, "POST", `/v1/migration/customers/${code}:advance`, toLive);
    expect(advanced.body).toMatchObject({ stage: "live" });

    // The sync's drain: nothing of this customer is pending and both sides agree, so it passes.
    const rollback = { ...admin, body: { to: "shadow", reason: "invoice mismatch" } };
    const rolledBack = await callApi(a, "POST", `/v1/migration/customers/${code}:rollback`, rollback);
    expect(rolledBack.body).toMatchObject({ stage: "shadow", assignment: { held: true } });
    const upwards = await callApi(a, "POST", `/v1/migration/customers/${code}:rollback`, toLive);
    expect(upwards.status).toBe(409);

    const viewerTry = await callApi(a, "POST", `/v1/migration/customers/${code}:advance`, {
      token: stack.tokens.viewer,
      body: { to: "live", reason: "x" },
    });
    expect(viewerTry.status).toBe(403);
    const after = await callApi(a, "GET", `/v1/migration/customers/${code}`, { token: stack.tokens.viewer });
    expect(after.body).toMatchObject({
      stage: "shadow",
      history: [
        { action: "advance", fromStage: "off", toStage: "dualwrite", reason: "pilot" },
        { action: "advance", fromStage: "dualwrite", toStage: "shadow", reason: "pilot" },
        { action: "advance", fromStage: "shadow", toStage: "live", reason: "pilot" },
        { action: "rollback", fromStage: "live", toStage: "shadow", reason: "invoice mismatch" },
      ],
    });
  });
});
