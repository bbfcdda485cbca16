import { PubSub } from "@google-cloud/pubsub";
import { deleteApp } from "firebase-admin/app";
import { type Firestore, Timestamp } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firebaseApp, firestoreFor } from "../../../src/adapters/firebase-app.js";
import { JsonLogger } from "../../../src/shared/logger.js";
import { collections, recordRef, writeRecordInTransaction } from "../../../src/sync/firestore-records.js";
import { OutboxChangeSource } from "../../../src/sync/relay/outbox-change-source.js";
import { PubSubChangePublisher } from "../../../src/sync/relay/pubsub-change-publisher.js";
import { RelayService } from "../../../src/sync/relay/relay-service.js";
import { testEnv, uniqueProjectId } from "../../support/test-env.js";
import { orderedPullSubscription, pullMessages, versionsByCustomer } from "./relay-test-support.js";

/** The outbox relay against the real Firestore and Pub/Sub emulators. */
const env = testEnv();
const projectId = uniqueProjectId("outbox-relay");
let db: Firestore;
let pubsub: PubSub;

const relayOn = (topic: string) =>
  new RelayService(
    new OutboxChangeSource(db),
    new PubSubChangePublisher(pubsub, topic),
    new JsonLogger("ERROR"),
  );
const drainAll = (relay: RelayService) => relay.drain({ deadline: Date.now() + 60_000, batchSize: 25 });

/** An API write: record and outbox entry in one transaction, as the API does it. */
async function apiWrite(code: string, balance: number | null): Promise<number> {
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(recordRef(db, "customer", code));
    return writeRecordInTransaction(db, tx, {
      entity: "customer",
      key: code,
      customerCode: code,
      data: balance === null ? null : { code, balance },
      previousVersion: (snapshot.get("version") as number | undefined) ?? 0,
      previous: null, // its data is no customer record: no per-field edit times to work out
      origin: "api",
      updatedBy: "operator@luckygas.test",
    });
  });
}

async function unpublished(): Promise<number> {
  const count = await db.collection(collections.outbox).count().get();
  return count.data().count;
}

beforeAll(() => {
  db = firestoreFor(firebaseApp(projectId));
  pubsub = new PubSub({ projectId, apiEndpoint: env.PUBSUB_EMULATOR_HOST });
});

afterAll(async () => {
  await pubsub?.close();
  await deleteApp(firebaseApp(projectId));
});

describe("outbox relay", () => {
  it("publishes each outbox entry once, in commit order per customer, and marks it published", async () => {
    const subscription = await orderedPullSubscription(pubsub, "new-changes", "outbox-once");
    const customers = ["0500001", "0500002", "0500003", "0500004"];
    await Promise.all(
      customers.map(async (code) => {
        for (let n = 1; n <= 15; n += 1) await apiWrite(code, n * 100);
        await apiWrite(code, null); // and a delete at the end
      }),
    );
    // A sync write appends nothing: it must not be relayed back.
    await db.runTransaction(async (tx) => {
      writeRecordInTransaction(db, tx, {
        entity: "customer",
        key: "0500009",
        customerCode: "0500009",
        data: { code: "0500009" },
        previousVersion: 0,
        previous: null,
        origin: "sync",
        updatedBy: "sync",
      });
    });
    expect(await unpublished()).toBe(64);

    const report = await drainAll(relayOn("new-changes"));
    expect(report).toMatchObject({ published: 64, failed: 0, rejected: 0 });
    expect(report.batches).toBeGreaterThanOrEqual(3);
    const received = await pullMessages(subscription, 64);
    expect(received).toHaveLength(64);
    expect(new Set(received.map((r) => r.message.changeId)).size).toBe(64);
    const byCustomer = versionsByCustomer(received);
    expect([...byCustomer.keys()].sort()).toEqual(customers);
    for (const versions of byCustomer.values())
      expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const last = received.filter((r) => r.message.customerCode === "0500001").at(-1);
    expect(last?.message).toMatchObject({ source: "new", op: "delete", data: null });
    expect(await unpublished()).toBe(0);
    // Moved, not just flagged: the outbox keeps only the backlog, the history keeps every entry.
    const relayed = await db.collection(collections.outboxPublished).get();
    expect(relayed.size).toBe(64);
    for (const doc of relayed.docs) {
      expect(doc.get("publishedAt")).toBeInstanceOf(Timestamp);
      expect(doc.get("expireAt").toMillis()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    }
    expect((await drainAll(relayOn("new-changes"))).published).toBe(0);
  });

  it("keeps entries whose publish failed for the next drain", async () => {
    await apiWrite("0500005", 1);
    const relay = relayOn("new-changes-missing"); // one publisher for both drains, as a long-running relay
    expect(await drainAll(relay)).toMatchObject({ published: 0, failed: 1 });
    expect(await unpublished()).toBe(1);
    const subscription = await orderedPullSubscription(pubsub, "new-changes-missing", "outbox-retry");
    expect(await drainAll(relay)).toMatchObject({ published: 1, failed: 0 });
    const received = await pullMessages(subscription, 1);
    expect(received.map((r) => [r.message.customerCode, r.message.sourceVersion])).toEqual([["0500005", 1]]);
  });
});
