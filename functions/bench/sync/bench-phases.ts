import type { PubSub } from "@google-cloud/pubsub";
import type { App } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { legacyClientColumns } from "../../src/legacy/legacy-rows.js";
import { sampleClientRow } from "../../src/legacy/mapping/legacy-fixtures.js";
import { FirestoreStageAssignmentStore } from "../../src/migration/firestore-stage-assignment-store.js";
import { collections, recordRef, writeRecordInTransaction } from "../../src/sync/firestore-records.js";
import { atRate, LagRecorder, waitUntilDrained } from "./lag-recorder.js";

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

/** publish → push → one Firestore document, observed by a snapshot listener like the full path. */
export async function runBarePath(
  db: Firestore,
  pubsub: PubSub,
  functionUrl: string,
  codes: string[],
  rate: number,
  seconds: number,
): Promise<LagRecorder> {
  const [topic] = await pubsub.createTopic("bench-bare");
  await topic.createSubscription("bench-bare-push", {
    enableMessageOrdering: true,
    pushConfig: { pushEndpoint: `${functionUrl}projects/${pubsub.projectId}/topics/bench-bare` },
  });
  const publisher = pubsub.topic("bench-bare", { messageOrdering: true, batching: { maxMilliseconds: 5 } });
  const recorder = new LagRecorder();
  const unsubscribe = db.collection("benchBare").onSnapshot((snapshot) => {
    const now = Date.now();
    for (const change of snapshot.docChanges()) recorder.observe(change.doc.id, now);
  });
  await atRate(rate, seconds, async (i) => {
    const id = `bare-${i}`;
    const code = codes[i % codes.length] ?? "";
    recorder.start(id, Date.now());
    await publisher.publishMessage({
      data: Buffer.from(JSON.stringify({ id, code })),
      orderingKey: code,
      attributes: { benchId: id, customerCode: code },
    });
  });
  await waitUntilDrained(recorder, drainTimeoutMs);
  unsubscribe();
  return recorder;
}

/** UPDATE clients.balance in legacy; seen when the Firestore record carries that balance. */
export async function runLegacyToNew(
  db: Firestore,
  pool: pg.Pool,
  codes: string[],
  rate: number,
  seconds: number,
): Promise<LagRecorder> {
  const recorder = new LagRecorder();
  const unsubscribe = db.collection(collections.customer).onSnapshot((snapshot) => {
    const now = Date.now();
    for (const change of snapshot.docChanges())
      recorder.observe(`${change.doc.id}:${String(change.doc.get("data.balance"))}`, now);
  });
  await atRate(rate, seconds, async (i) => {
    const code = codes[i % codes.length] ?? "";
    const balance = 100_000 + i;
    await pool.query("UPDATE clients SET balance = $2 WHERE client_code = $1", [code, balance]);
    recorder.start(`${code}:${balance}`, Date.now()); // from the source commit
  });
  await waitUntilDrained(recorder, drainTimeoutMs);
  unsubscribe();
  return recorder;
}

/** An API-style Firestore write (record + outbox entry); seen when legacy's clients.balance has it. */
export async function runNewToLegacy(
  db: Firestore,
  pool: pg.Pool,
  codes: string[],
  rate: number,
  seconds: number,
): Promise<LagRecorder> {
  const recorder = new LagRecorder();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const result = await pool.query<{ client_code: string; balance: number }>(
        "SELECT client_code, balance FROM clients WHERE client_code = ANY($1)",
        [codes],
      );
      const now = Date.now();
      for (const row of result.rows) recorder.observe(`${row.client_code}:${row.balance}`, now);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await atRate(rate, seconds, async (i) => {
    const code = codes[i % codes.length] ?? "";
    const balance = 200_000 + i;
    await db.runTransaction(async (tx) => {
      const record = await tx.get(recordRef(db, "customer", code));
      const data = record.get("data") as Record<string, unknown>;
      writeRecordInTransaction(db, tx, {
        entity: "customer",
        key: code,
        customerCode: code,
        data: { ...data, balance },
        previousVersion: record.get("version") as number,
        origin: "api",
        updatedBy: "bench@luckygas.test",
      });
    });
    recorder.start(`${code}:${balance}`, Date.now()); // from the source commit
  });
  await waitUntilDrained(recorder, drainTimeoutMs);
  polling = false;
  await poller;
  return recorder;
}
