import { PubSub } from "@google-cloud/pubsub";
import { Timestamp } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderedPushDelivery } from "../../../../emulators/src/services/ordered-push-delivery.js";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import type { DeadLetterRecord } from "../../../src/sync/dead-letters/dead-letter-record.js";
import { ledgerRef } from "../../../src/sync/ledger/sync-ledger.js";
import { PubSubChangePublisher } from "../../../src/sync/relay/pubsub-change-publisher.js";
import type { SyncStatus } from "../../../src/sync/status/sync-status.js";
import { type ApiTestStack, startApiTestStack } from "../../api/api-test-stack.js";
import { testEnv } from "../../support/test-env.js";
import { pullMessages } from "../relay/relay-test-support.js";
import { type ApplyStack, serveTopology, startApplyStack } from "./apply-stack.js";
import { eventually, pushRaw } from "./apply-support.js";
import { apiEdit, customerWith, legacyEdit, legacyRowOf } from "./sync-fixtures.js";

/** Dead letters end to end: kept by the apply functions, listed, replayed or discarded through the API. */
let api: ApiTestStack;
let stack: ApplyStack;
let pubsub: PubSub;
let deliveries: Map<string, OrderedPushDelivery> | undefined;
const code = "0999201";

beforeAll(async () => {
  api = await startApiTestStack("syncdeadletters", { scale: 0.002 });
  const legacyUrl = (api.legacy as unknown as { options: { connectionString: string } }).options
    .connectionString;
  stack = await startApplyStack("sync-dead-letters", { projectId: api.projectId, legacyUrl });
  pubsub = new PubSub({ projectId: api.projectId, apiEndpoint: testEnv().PUBSUB_EMULATOR_HOST });
  await stack.setStage(code, "dualwrite");
  expect(
    await legacyEdit(stack.pool, stack.toNew, stack.projectId, sampleClientRow({ client_code: code })),
  ).toBeLessThan(300);
}, 120_000);
afterAll(async () => {
  await Promise.all([...(deliveries?.values() ?? [])].map((delivery) => delivery.stop()));
  await pubsub?.close();
  await stack?.stop();
  await api?.stop();
});

const holdLease = (holder: string | null) =>
  ledgerRef(stack.db, "customer", code).update({
    lease: holder === null ? null : { holder, until: Date.now() + 60_000 },
  });

async function openLetters(fn: string): Promise<DeadLetterRecord[]> {
  const answer = await api.call("GET", `/v1/sync/dead-letters?status=open&function=${fn}`, {
    token: api.tokens.viewer,
  });
  expect(answer.status).toBe(200);
  return (answer.body as { deadLetters: DeadLetterRecord[] }).deadLetters;
}

async function deadLetterCounts(): Promise<Record<string, number>> {
  const answer = await api.call("GET", "/v1/sync/status", { token: api.tokens.viewer });
  const status = answer.body as SyncStatus;
  return {
    toNew: status.directions["legacy-to-new"].deadLetters,
    toLegacy: status.directions["new-to-legacy"].deadLetters,
  };
}

describe("dead letters", () => {
  it("keeps a change that failed every delivery attempt, replays it on request, and it applies", async () => {
    // The topology's push subscriptions as Cloud Pub/Sub serves them, with short backoffs.
    deliveries = await serveTopology(pubsub, stack, { minBackoffMs: 20, maxBackoffMs: 100 });
    const edit = await apiEdit(stack.db, customerWith(code, { balance: 70 }));
    await holdLease("another-change"); // a transient failure: every attempt is nacked
    const publisher = new PubSubChangePublisher(pubsub, "new-changes");
    expect(await publisher.publishAll([edit])).toEqual(new Set([edit.changeId]));

    // After the 10th attempt Pub/Sub forwards it; the intake subscription brings it back to be kept.
    const [letter] = await eventually(
      () => openLetters("syncApplyToLegacy"),
      (open) => open.length > 0,
      60_000,
    );
    if (!letter) throw new Error("the change was never kept as a dead letter");
    expect(letter).toMatchObject({ changeId: edit.changeId, customerCode: code, status: "open" });
    expect(letter.reason).toBe("delivery-attempts-exhausted: failed on new-changes-apply after 10 attempts");
    expect((await legacyRowOf(stack.pool, code))?.balance).not.toBe(70);
    expect(await deadLetterCounts()).toEqual({ toNew: 0, toLegacy: 1 });
    // The hold subscription keeps its own copy, whatever the intake did.
    const hold = pubsub.subscription("new-changes-dead-letter-hold");
    const held = await pullMessages(hold, 1, 10_000, 500);
    expect(held.map((copy) => copy.message.changeId)).toEqual([edit.changeId]);

    const path = `/v1/sync/dead-letters/${letter.id}:replay`;
    expect((await api.call("POST", path, { token: api.tokens.viewer })).status).toBe(403);
    await holdLease(null); // the cause is gone; the operator replays
    const unexplained = await api.call("POST", path, { token: api.tokens.operator, body: {} });
    expect(unexplained.status, "a replay says why").toBe(400);
    const why = { reason: "lease released; replaying" };
    const replayed = await api.call("POST", path, { token: api.tokens.operator, body: why });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({
      id: letter.id,
      status: "replayed",
      replayedBy: expect.any(String),
    });
    // Back on its topic, delivered by the same subscription, it applies.
    const applied = await eventually(
      () => legacyRowOf(stack.pool, code),
      (row) => row?.balance === 70,
    );
    expect(applied?.balance).toBe(70);

    expect((await api.call("POST", path, { token: api.tokens.operator, body: why })).status).toBe(409);
    const audit = await stack.db
      .collection("audit")
      .where("entity", "==", "dead-letter")
      .where("key", "==", letter.id)
      .get();
    expect(audit.docs.map((doc) => [doc.get("action"), doc.get("reason")])).toEqual([["replay", why.reason]]);
    expect(await deadLetterCounts()).toEqual({ toNew: 0, toLegacy: 0 });
  });

  it("refuses to replay a malformed message, and discards it only with a reason", async () => {
    const notJson = Buffer.from("not json at all").toString("base64");
    expect(await pushRaw(stack.toNew, stack.projectId, "legacy-changes", notJson)).toBeLessThan(300);
    const [letter] = await openLetters("syncApplyToNew");
    expect(letter?.reason).toBe("message-data-not-json");
    const id = letter?.id ?? "";
    const operator = { token: api.tokens.operator };

    const replay = await api.call("POST", `/v1/sync/dead-letters/${id}:replay`, {
      ...operator,
      body: { reason: "try it" },
    });
    expect(replay.status).toBe(409);
    const discardPath = `/v1/sync/dead-letters/${id}:discard`;
    expect((await api.call("POST", discardPath, { ...operator, body: {} })).status).toBe(400);
    expect((await api.call("POST", discardPath, { ...operator, body: { reason: "x" } })).status).toBe(400);
    expect(
      (await api.call("POST", discardPath, { ...operator, body: { reason: "ok", extra: 1 } })).status,
    ).toBe(400);
    expect((await api.call("GET", `/v1/sync/dead-letters/${id}`, operator)).body).toMatchObject({
      status: "open",
    });

    const reason = "vendor test message, not a change";
    const discarded = await api.call("POST", discardPath, { ...operator, body: { reason } });
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ id, status: "discarded", discardReason: reason });
    expect((await api.call("POST", discardPath, { ...operator, body: { reason } })).status).toBe(409);
    const audit = await stack.db
      .collection("audit")
      .where("entity", "==", "dead-letter")
      .where("key", "==", id)
      .get();
    expect(audit.docs.map((doc) => [doc.get("action"), doc.get("reason")])).toEqual([["discard", reason]]);
  });

  it("refuses to replay a new → legacy letter older than the apply journal keeps, and says what to do", async () => {
    const id = "syncApplyToLegacy-kept-long-ago";
    const change = {
      changeId: "6f1f6d1e-8b0a-4a55-9a55-3f3c1f0a0b01",
      source: "new",
      entity: "customer",
      key: code,
      customerCode: code,
      op: "upsert",
      sourceVersion: 1,
      committedAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
      data: null,
    };
    await stack.db
      .collection("syncDeadLetters")
      .doc(id)
      .create({
        function: "syncApplyToLegacy",
        reason: "delivery attempts exhausted",
        raw: JSON.stringify(change),
        messageId: null,
        customerCode: code,
        changeId: change.changeId,
        status: "open",
        receivedAt: Timestamp.fromMillis(Date.now() - 8 * 86_400_000),
      });
    const operator = { token: api.tokens.operator };
    const replay = await api.call("POST", `/v1/sync/dead-letters/${id}:replay`, {
      ...operator,
      body: { reason: "a week later" },
    });
    expect(replay.status).toBe(409);
    expect(JSON.stringify(replay.body)).toContain("/v1/sync/verify");
    const discarded = await api.call("POST", `/v1/sync/dead-letters/${id}:discard`, {
      ...operator,
      body: { reason: "verified equal; the change is in legacy" },
    });
    expect(discarded.status).toBe(200);
  });

  it("answers bad ids, unknown ids and bad filters with a clear error", async () => {
    const viewer = { token: api.tokens.viewer };
    expect((await api.call("GET", "/v1/sync/dead-letters/bad%20id", viewer)).status).toBe(400);
    expect((await api.call("GET", "/v1/sync/dead-letters/syncApplyToNew-0", viewer)).status).toBe(404);
    expect((await api.call("GET", "/v1/sync/dead-letters?status=lost", viewer)).status).toBe(400);
    expect((await api.call("GET", "/v1/sync/dead-letters?function=api", viewer)).status).toBe(400);
    expect((await api.call("GET", "/v1/sync/dead-letters")).status).toBe(401);
  });
});
