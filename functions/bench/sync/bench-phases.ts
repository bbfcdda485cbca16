import type { PubSub } from "@google-cloud/pubsub";
import type { App } from "firebase-admin/app";
import { type DocumentSnapshot, type Firestore, type Query, Timestamp } from "firebase-admin/firestore";
import type pg from "pg";
import { OrderedPushDelivery } from "../../../emulators/src/services/ordered-push-delivery.js";
import { pushUrl } from "../../../emulators/src/services/pubsub-topology.js";
import { legacyClientColumns } from "../../src/legacy/legacy-rows.js";
import { sampleClientRow } from "../../src/legacy/mapping/legacy-fixtures.js";
import { FirestoreStageAssignmentStore } from "../../src/migration/firestore-stage-assignment-store.js";
import { recordRef, writeRecordInTransaction } from "../../src/sync/firestore-records.js";
import { appliedSamplesCollection, lagOfSample, lagSince } from "../../src/sync/status/apply-lag.js";
import type { SyncDirection } from "../../src/sync/status/status-ports.js";
import { atRate } from "./at-rate.js";

const drainTimeoutMs = 60_000;

/** Bench customers: stage `live` (both directions replicate), inserted in legacy, synced to Firestore. */
export async function seedBenchCustomers(
  app: App,
  db: Firestore,
  pool: pg.Pool,
  count: number,
): Promise<string[]> {
  const codes = Array.from({ length: count }, (_, i) => `09${String(i).padStart(5, "0")}`);
  const stages = new FirestoreStageAssignmentStore(app);
  for (const code of codes) {
    if (!(await stages.get(code)))
      await stages.save(
        { customerCode: code, stage: "live", held: false, updatedBy: "bench", reason: "bench" },
        0,
        {
          customerCode: code,
          action: "advance",
          fromStage: "off",
          toStage: "live",
          actor: "bench",
          reason: "bench",
          at: new Date(),
        },
      );
    const row = sampleClientRow({ client_code: code, balance: 0 }) as Record<string, unknown>;
    const values = legacyClientColumns.map((column) => row[column]);
    await pool.query(
      `INSERT INTO clients (${legacyClientColumns.join(", ")}) VALUES (${values.map((_, i) => `$${i + 1}`).join(", ")})
       ON CONFLICT (client_code) DO NOTHING`,
      values,
    );
  }
  const deadline = Date.now() + drainTimeoutMs;
  let present = 0;
  while (Date.now() < deadline) {
    const snapshot = await db.getAll(...codes.map((code) => recordRef(db, "customer", code)));
    present = snapshot.filter((doc) => doc.exists).length;
    if (present === codes.length) return codes;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Only ${present}/${codes.length} bench customers reached Firestore through the sync`);
}

/** publish → push → one Firestore document; lag from publish to that write, sampled by the function. */
export async function runBarePath(
  db: Firestore,
  pubsub: PubSub,
  functionUrls: string[],
  codes: string[],
  rate: number,
  seconds: number,
): Promise<number[]> {
  // Created once; a second run (the measured one after the warm-up) reuses them.
  const [topicExists] = await pubsub.topic("bench-bare").exists();
  if (!topicExists) {
    const [topic] = await pubsub.createTopic("bench-bare");
    await topic.createSubscription("bench-bare-push", { enableMessageOrdering: true });
  }
  // Delivered exactly like the sync's subscriptions (see bench-stack.ts), across the instances.
  let next = 0;
  const delivery = new OrderedPushDelivery({
    pubsub,
    subscription: "bench-bare-push",
    endpoint: () => pushUrl(functionUrls[next++ % functionUrls.length] ?? "", pubsub.projectId, "bench-bare"),
  });
  delivery.start();
  const since = Date.now();
  const publisher = pubsub.topic("bench-bare", { messageOrdering: true, batching: { maxMilliseconds: 5 } });
  await atRate(rate, seconds, async (i) => {
    const code = codes[i % codes.length] ?? "";
    await publisher.publishMessage({
      data: Buffer.from(JSON.stringify({ i, code })),
      orderingKey: code,
      attributes: { benchId: `bare-${since}-${i}`, customerCode: code, sentAt: String(Date.now()) },
    });
  });
  const lags = await collectLags(
    db.collection("benchBare").where("sentAt", ">=", Timestamp.fromMillis(since)),
    rate * seconds,
    (doc) => lagSince(doc, "sentAt"),
  );
  await delivery.stop();
  if (lags.length < rate * seconds)
    console.error(`bare path: ${lags.length} samples; delivery ${JSON.stringify(delivery.counts)}`);
  return lags;
}

/** UPDATE clients.balance in legacy, one change per tick; lags are syncApplyToNew's own samples. */
export async function runLegacyToNew(
  db: Firestore,
  pool: pg.Pool,
  codes: string[],
  rate: number,
  seconds: number,
): Promise<number[]> {
  const since = new Date();
  await atRate(rate, seconds, async (i) => {
    const code = codes[i % codes.length] ?? "";
    await pool.query("UPDATE clients SET balance = $2 WHERE client_code = $1", [code, 100_000 + i]);
  });
  return collectLags(appliedSamples(db, "legacy-to-new", since), rate * seconds);
}

/** An API-style Firestore write (record + outbox entry); lags are syncApplyToLegacy's own samples. */
export async function runNewToLegacy(
  db: Firestore,
  codes: string[],
  rate: number,
  seconds: number,
): Promise<number[]> {
  const since = new Date();
  await atRate(rate, seconds, async (i) => {
    const code = codes[i % codes.length] ?? "";
    await db.runTransaction(async (tx) => {
      const record = await tx.get(recordRef(db, "customer", code));
      const data = record.get("data") as Record<string, unknown>;
      writeRecordInTransaction(db, tx, {
        entity: "customer",
        key: code,
        customerCode: code,
        data: { ...data, balance: 200_000 + i },
        previousVersion: record.get("version") as number,
        previous: record,
        origin: "api",
        updatedBy: "bench@luckygas.test",
      });
    });
  });
  return collectLags(appliedSamples(db, "new-to-legacy", since), rate * seconds);
}

/** This phase's samples (the customers' initial sync left samples too). */
function appliedSamples(db: Firestore, direction: SyncDirection, since: Date): Query {
  return db
    .collection(appliedSamplesCollection)
    .where("direction", "==", direction)
    .where("appliedAt", ">=", Timestamp.fromDate(since));
}

/** Waits (polling a count every half second) until `expected` samples exist, then reads their lags. */
async function collectLags(
  samples: Query,
  expected: number,
  lagOf: (doc: DocumentSnapshot) => number | null = lagOfSample,
): Promise<number[]> {
  const deadline = Date.now() + drainTimeoutMs;
  while (Date.now() < deadline) {
    if ((await samples.count().get()).data().count >= expected) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return (await samples.get()).docs.map(lagOf).filter((lag): lag is number => lag !== null);
}
