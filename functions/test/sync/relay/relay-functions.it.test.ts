import { PubSub } from "@google-cloud/pubsub";
import { deleteApp } from "firebase-admin/app";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import { migrateLegacyCapture } from "../../../../emulators/src/legacy/migrate-legacy-capture.js";
import { firebaseApp, firestoreFor } from "../../../src/adapters/firebase-app.js";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { writeRecordInTransaction } from "../../../src/sync/firestore-records.js";
import { type RunningFunction, startFunction } from "../../support/function-harness.js";
import { testEnv, uniqueProjectId } from "../../support/test-env.js";
import { insertRow, orderedPullSubscription, pullMessages } from "./relay-test-support.js";

/** Both relay deployables, each in its own functions-framework process exactly as deployed. */
const env = testEnv();
const projectId = uniqueProjectId("relay-fns");
let pool: pg.Pool;
let pubsub: PubSub;
let legacyRelay: RunningFunction;
let outboxRelay: RunningFunction;

function functionEnv(legacyUrl: string, mode: "scheduled" | "continuous"): Record<string, string> {
  return {
    GCLOUD_PROJECT: projectId,
    FIRESTORE_EMULATOR_HOST: env.FIRESTORE_EMULATOR_HOST,
    PUBSUB_EMULATOR_HOST: env.PUBSUB_EMULATOR_HOST,
    LEGACY_DATABASE_URL: legacyUrl,
    METADATA_SERVER_DETECTION: "none",
    RELAY_MODE: mode,
    // A scheduled call relays for this long; a new call waits half of it for the running one to hand
    // over, time enough on a loaded machine (in production: 30 s of a 90 s window).
    RELAY_DRAIN_SECONDS: "8",
    LOG_LEVEL: "WARNING",
  };
}

beforeAll(async () => {
  // Installed as an operator does before deploying (npm run sync:migrate); the relay only checks it.
  const url = await createIsolatedDatabase(env.LEGACY_ADMIN_URL, "relay_functions");
  await migrateLegacyCapture(url);
  pool = new pg.Pool({ connectionString: url, max: 3 });
  pubsub = new PubSub({ projectId, apiEndpoint: env.PUBSUB_EMULATOR_HOST });
  [legacyRelay, outboxRelay] = await Promise.all([
    startFunction({
      name: "syncLegacyRelay",
      entry: "src/deployables/sync-legacy-relay/index.ts",
      signature: "http",
      env: functionEnv(url, "continuous"),
    }),
    startFunction({
      name: "syncOutboxRelay",
      entry: "src/deployables/sync-outbox-relay/index.ts",
      signature: "http",
      env: functionEnv(url, "scheduled"),
    }),
  ]);
});

afterAll(async () => {
  await legacyRelay?.stop();
  await outboxRelay?.stop();
  await pubsub?.close();
  await pool?.end();
  await deleteApp(firebaseApp(projectId));
});

async function waitForCapture(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const found = await pool.query("SELECT 1 FROM pg_trigger WHERE tgname = 'sync_capture_clients'");
    if (found.rowCount) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("change capture is not installed");
}

/** Waits until a call took the outbox relay's lease after `since` (a released lease has expired). */
async function waitForLeaseHeld(since: number): Promise<void> {
  const lease = firestoreFor(firebaseApp(projectId)).collection("syncRelayLeases").doc("outbox");
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const expiresAt = (await lease.get()).get("expiresAt");
    if (typeof expiresAt === "number" && expiresAt > since) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no call took the outbox relay's lease");
}

/** An API write of a new customer record: the record and its outbox entry in one transaction. */
function write(code: string) {
  const db = firestoreFor(firebaseApp(projectId));
  return db.runTransaction(async (tx) => {
    writeRecordInTransaction(db, tx, {
      entity: "customer",
      key: code,
      customerCode: code,
      data: { code },
      previousVersion: 0,
      previous: null,
      origin: "api",
      updatedBy: "operator@luckygas.test",
    });
  });
}

describe("relay functions", () => {
  it("syncLegacyRelay, with capture installed, publishes without being called in continuous mode", async () => {
    const subscription = await orderedPullSubscription(pubsub, "legacy-changes", "fn-continuous");
    await waitForCapture();
    await insertRow(pool, "clients", sampleClientRow({ client_code: "0700001" }));
    await pool.query("UPDATE clients SET balance = 42 WHERE client_code = '0700001'");
    const received = await pullMessages(subscription, 2, 30_000);
    expect(received.map((r) => [r.message.op, r.message.data?.balance])).toEqual([
      ["upsert", 0],
      ["upsert", 42],
    ]);
  });

  it("syncOutboxRelay relays during POST / (the scheduled call), including changes made meanwhile", async () => {
    const subscription = await orderedPullSubscription(pubsub, "new-changes", "fn-scheduled");
    await write("0700002");
    const call = fetch(outboxRelay.url, { method: "POST" }); // relays for RELAY_DRAIN_SECONDS (8 s)
    await new Promise((r) => setTimeout(r, 700));
    await write("0700003"); // written after the call began: the same call still publishes it
    const response = await call;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ published: 2, failed: 0 });
    const received = await pullMessages(subscription, 2);
    expect(received.map((r) => r.message.key).sort()).toEqual(["0700002", "0700003"]);
  });

  it("overlapping scheduled calls take turns: the next asks, the running one hands over, each entry goes out once", async () => {
    const subscription = await orderedPullSubscription(pubsub, "new-changes", "fn-overlap");
    const started = Date.now();
    type Report = { ran: boolean; handedOver: boolean; published: number };
    const first = fetch(outboxRelay.url, { method: "POST" }).then(async (r) => ({
      body: (await r.json()) as Report,
      endedAfterMs: Date.now() - started,
    }));
    // The second call starts once the first holds the lease: on a loaded machine the first call's
    // request can take over a second to reach its handler, and then the calls swap roles.
    await waitForLeaseHeld(started);
    await new Promise((r) => setTimeout(r, 500));
    const second = fetch(outboxRelay.url, { method: "POST" }).then((r) => r.json() as Promise<Report>);
    const codes = Array.from({ length: 20 }, (_, i) => `07100${String(i).padStart(2, "0")}`);
    for (const code of codes) {
      await write(code);
      await new Promise((r) => setTimeout(r, 100));
    }
    const [firstCall, secondReport] = await Promise.all([first, second]);
    expect(firstCall.body).toMatchObject({ ran: true, handedOver: true });
    expect(firstCall.endedAfterMs).toBeLessThan(7_000); // its window was 8 s: it handed over
    expect(secondReport).toMatchObject({ ran: true, handedOver: false });
    expect(firstCall.body.published + secondReport.published).toBe(codes.length);
    const received = await pullMessages(subscription, codes.length);
    expect(received.map((r) => r.message.key).sort()).toEqual(codes);
  });

  it("refuses a drain call with parameters, changing nothing", async () => {
    const response = await fetch(`${outboxRelay.url}?all=true`, { method: "POST" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});
