import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { moveToPublished } from "../../../src/sync/relay/outbox-change-source.js";
import { SyncDrain } from "../../../src/sync/verify/sync-drain.js";
import { SyncVerifier } from "../../../src/sync/verify/sync-verifier.js";
import { type ApiTestStack, startApiTestStack } from "../../api/api-test-stack.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { pushChange } from "./apply-support.js";
import { apiEdit, customerWith, legacyEdit, legacyRowOf, newRowOf } from "./sync-fixtures.js";

/** Each conflict policy end to end, manual resolution through the API, verification and the rollback drain. */
let api: ApiTestStack;
let stack: ApplyStack;
let alt: ApplyStack;
const codes = {
  manual: "0999101",
  newest: "0999102",
  legacyWins: "0999103",
  newWins: "0999104",
  drain: "0999105",
};

beforeAll(async () => {
  api = await startApiTestStack("syncconflicts", { scale: 0.002 });
  // The api's own legacy database, so the API, both apply functions and the test see one legacy.
  const legacyUrl = (api.legacy as unknown as { options: { connectionString: string } }).options
    .connectionString;
  stack = await startApplyStack("sync-conflicts", { projectId: api.projectId, legacyUrl });
  alt = await startApplyStack("sync-conflicts-alt", {
    projectId: api.projectId,
    legacyUrl,
    extraEnv: {
      SYNC_CONFLICT_POLICY: JSON.stringify({ customer: { money: "legacy-wins", other: "new-wins" } }),
    },
  });
  for (const code of Object.values(codes)) {
    await stack.setStage(code, code === codes.drain ? "live" : "dualwrite");
    expect(
      await legacyEdit(stack.pool, stack.toNew, stack.projectId, sampleClientRow({ client_code: code })),
    ).toBeLessThan(300);
  }
}, 120_000);
afterAll(async () => {
  await alt?.stop();
  await stack?.stop();
  await api?.stop();
});

describe("conflicts", () => {
  it("manual (money default): both sides keep their value, one open record, resolved through the API to both sides", async () => {
    const code = codes.manual;
    const fromNew = await apiEdit(stack.db, customerWith(code, { balance: 90 }));
    await legacyEdit(
      stack.pool,
      stack.toNew,
      stack.projectId,
      sampleClientRow({ client_code: code, balance: 150 }),
    );
    expect(await pushChange(stack.toLegacy, stack.projectId, fromNew)).toBeLessThan(300);
    expect((await newRowOf(stack.db, code))?.balance).toBe(90);
    expect((await legacyRowOf(stack.pool, code))?.balance).toBe(150);

    const list = await api.call("GET", "/v1/sync/conflicts?status=open", { token: api.tokens.viewer });
    const open = (list.body as { conflicts: { id: string; customerCode: string }[] }).conflicts.filter(
      (c) => c.customerCode === code,
    );
    expect(open.map((c) => c.id)).toEqual([`customer-${code}-balance`]);
    const detail = await api.call("GET", `/v1/sync/conflicts/customer-${code}-balance`, {
      token: api.tokens.viewer,
    });
    expect(detail.body).toMatchObject({
      base: { balance: 0 },
      legacy: { balance: 150 },
      new: { balance: 90 },
      status: "open",
    });

    const verifyBefore = await api.call("POST", "/v1/sync/verify", {
      token: api.tokens.admin,
      body: { customers: [code] },
    });
    expect(verifyBefore.body).toMatchObject({
      verified: 1,
      equal: 0,
      unequal: [{ customerCode: code, mismatches: [{ field: "balance" }] }],
    });

    const forbidden = await api.call("POST", `/v1/sync/conflicts/customer-${code}-balance:resolve`, {
      token: api.tokens.viewer,
      body: { choose: "legacy", reason: "viewer tries" },
    });
    expect(forbidden.status).toBe(403);
    const invalid = await api.call("POST", `/v1/sync/conflicts/customer-${code}-balance:resolve`, {
      token: api.tokens.operator,
      body: { choose: "value", value: "lots", reason: "typo" },
    });
    expect(invalid.status).toBe(400);
    const unexplained = await api.call("POST", `/v1/sync/conflicts/customer-${code}-balance:resolve`, {
      token: api.tokens.operator,
      body: { choose: "value", value: 120 },
    });
    expect(unexplained.status, "a resolution says why").toBe(400);
    const resolved = await api.call("POST", `/v1/sync/conflicts/customer-${code}-balance:resolve`, {
      token: api.tokens.operator,
      body: { choose: "value", value: 120, reason: "counted the cylinders" },
    });
    expect(resolved.status).toBe(200);
    expect((await newRowOf(stack.db, code))?.balance).toBe(120);
    expect((await legacyRowOf(stack.pool, code))?.balance).toBe(120);
    const again = await api.call("POST", `/v1/sync/conflicts/customer-${code}-balance:resolve`, {
      token: api.tokens.operator,
      body: { choose: "new", reason: "second thoughts" },
    });
    expect(again.status).toBe(409);
    const audit = await stack.db
      .collection("audit")
      .where("entity", "==", "conflict")
      .where("key", "==", `customer-${code}-balance`)
      .get();
    expect(audit.docs.map((doc) => [doc.get("action"), doc.get("reason")])).toEqual([
      ["resolve", "counted the cylinders"],
    ]);
    const verifyAfter = await api.call("POST", "/v1/sync/verify", {
      token: api.tokens.admin,
      body: { customers: [code] },
    });
    expect(verifyAfter.body).toMatchObject({ verified: 1, equal: 1 });
  });

  it("newest-wins (other fields default): the later legacy edit wins and the stale new value in flight is ignored", async () => {
    const code = codes.newest;
    const fromNew = await apiEdit(stack.db, customerWith(code, { remark: "older, new side" }));
    await legacyEdit(
      stack.pool,
      stack.toNew,
      stack.projectId,
      sampleClientRow({ client_code: code, remark: "newer, legacy" }),
    );
    expect(await pushChange(stack.toLegacy, stack.projectId, fromNew)).toBeLessThan(300);
    expect((await newRowOf(stack.db, code))?.remark).toBe("newer, legacy");
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("newer, legacy");
  });

  it("legacy-wins (configured for money): legacy's value lands on both sides", async () => {
    const code = codes.legacyWins;
    const fromNew = await apiEdit(stack.db, customerWith(code, { balance: 90 }));
    await legacyEdit(
      stack.pool,
      alt.toNew,
      stack.projectId,
      sampleClientRow({ client_code: code, balance: 150 }),
    );
    expect(await pushChange(alt.toLegacy, stack.projectId, fromNew)).toBeLessThan(300);
    expect((await newRowOf(stack.db, code))?.balance).toBe(150);
    expect((await legacyRowOf(stack.pool, code))?.balance).toBe(150);
  });

  it("new-wins (configured for other fields): the new side's value lands on both sides", async () => {
    const code = codes.newWins;
    const fromNew = await apiEdit(stack.db, customerWith(code, { remark: "new side" }));
    await legacyEdit(
      stack.pool,
      alt.toNew,
      stack.projectId,
      sampleClientRow({ client_code: code, remark: "legacy side" }),
    );
    expect((await newRowOf(stack.db, code))?.remark).toBe("new side");
    expect(await pushChange(alt.toLegacy, stack.projectId, fromNew)).toBeLessThan(300);
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("new side");
    const verifier = new SyncVerifier(stack.db, stack.pool);
    expect((await verifier.verifyCustomer(code)).equal).toBe(true);
    expect(await verifier.lastVerification(code)).toMatchObject({
      equal: true,
      verifiedAt: expect.any(Date),
    });
  });
});

describe("rollback drain", () => {
  it("waits for the new side's pending change to reach legacy, then verifies", async () => {
    const code = codes.drain;
    const verifier = new SyncVerifier(stack.db, stack.pool);
    const fromNew = await apiEdit(stack.db, customerWith(code, { remark: "before rollback" }));
    await expect(
      new SyncDrain(stack.db, verifier, { timeoutMs: 500, pollMs: 100 }).drainToLegacy(code),
    ).rejects.toMatchObject({ code: "SYNC_DRAIN_TIMEOUT" });
    let drained = false;
    const drain = new SyncDrain(stack.db, verifier, { timeoutMs: 20_000, pollMs: 100 })
      .drainToLegacy(code)
      .then(() => {
        drained = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(drained).toBe(false);
    // What the outbox relay does once Pub/Sub acknowledged the publish.
    const entries = await stack.db.collection("syncOutbox").where("customerCode", "==", code).get();
    expect(entries.size).toBe(1);
    const relayed = stack.db.batch();
    for (const entry of entries.docs) moveToPublished(stack.db, relayed, entry.id, entry.data());
    await relayed.commit();
    expect(await pushChange(stack.toLegacy, stack.projectId, fromNew)).toBeLessThan(300);
    await drain;
    expect(drained).toBe(true);
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("before rollback");
  });
});
