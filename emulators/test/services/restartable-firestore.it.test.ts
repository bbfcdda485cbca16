import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, deleteApp, initializeApp } from "firebase-admin/app";
import { type Firestore, getFirestore } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortOpen, waitUntil } from "../../src/ports.js";
import { RestartableFirestore } from "../../src/services/restartable-firestore.js";

/**
 * A private emulator (its own port, not the shared one `npm test` starts) restarted under a
 * firebase-admin client, as a fault test will do mid-workload.
 */
const projectId = `demo-restart-${randomBytes(4).toString("hex")}`;
const workDir = mkdtempSync(join(tmpdir(), "restartable-firestore-"));
let firestore: RestartableFirestore;
let app: App;
let db: Firestore;

/**
 * firebase-admin lets FIRESTORE_EMULATOR_HOST override any host setting, and reads it once, when
 * the client is built; `npm test` points it at the shared emulator, so point it here for that moment.
 */
function privateClient(host: string): { app: App; db: Firestore } {
  const privateApp = initializeApp({ projectId }, `restartable-firestore-it-${projectId}`);
  const shared = process.env.FIRESTORE_EMULATOR_HOST;
  process.env.FIRESTORE_EMULATOR_HOST = host;
  try {
    return { app: privateApp, db: getFirestore(privateApp) };
  } finally {
    if (shared === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
    else process.env.FIRESTORE_EMULATOR_HOST = shared;
  }
}

async function contents(collection: string): Promise<Record<string, unknown>> {
  const snapshot = await db.collection(collection).get();
  return Object.fromEntries(snapshot.docs.map((doc) => [doc.id, doc.data()]));
}

beforeAll(async () => {
  firestore = await RestartableFirestore.start({
    projectId,
    logDir: join(workDir, "logs"),
    dataDir: join(workDir, "data"),
  });
  ({ app, db } = privateClient(firestore.host));
});

afterAll(async () => {
  if (app) await deleteApp(app);
  await firestore?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function gatePort(): number {
  return Number(firestore.host.split(":")[1]);
}

/** Settles a promise into a record, so a test can look at a pending write later without an unhandled rejection. */
function settle(
  promise: Promise<unknown>,
  from: number,
): Promise<{ ok: boolean; atMs: number; error?: string }> {
  return promise.then(
    () => ({ ok: true, atMs: performance.now() - from }),
    (error: unknown) => ({ ok: false, atMs: performance.now() - from, error: String(error) }),
  );
}

describe("RestartableFirestore", () => {
  it("keeps documents, batches and transactions committed before a restart", async () => {
    const batch = db.batch();
    for (let i = 0; i < 25; i++) {
      batch.set(db.collection("customers").doc(`c${i}`), { name: `客戶${i}`, balance: i * 100 });
      batch.set(db.collection("orders").doc(`o${i}`), { customer: `c${i}`, quantity: i });
    }
    await batch.commit();
    await db.doc("customers/c1/notes/n1").set({ text: "subcollection" });
    const counter = db.doc("counters/deliveries");
    await counter.set({ value: 0 });
    for (let i = 0; i < 3; i++)
      await db.runTransaction(async (tx) => {
        const current = (await tx.get(counter)).get("value") as number;
        tx.update(counter, { value: current + 1 });
      });
    const before = { customers: await contents("customers"), orders: await contents("orders") };
    const counterBefore = await counter.get();

    const report = await firestore.restart();
    console.log(`restart with data: ${JSON.stringify(report)}`);

    expect(await contents("customers")).toEqual(before.customers);
    expect(await contents("orders")).toEqual(before.orders);
    expect((await db.doc("customers/c1/notes/n1").get()).data()).toEqual({ text: "subcollection" });
    expect((await counter.get()).get("value")).toBe(3);
    // The same client object goes on working: a transaction after the restart.
    await db.runTransaction(async (tx) => {
      const current = (await tx.get(counter)).get("value") as number;
      tx.update(counter, { value: current + 1 });
    });
    expect((await counter.get()).get("value")).toBe(4);
    // A known gap to real Firestore: the import stamps documents anew, so old update times no longer match.
    const stale = counterBefore.updateTime;
    if (!stale) throw new Error("a read document has an update time");
    await expect(counter.update({ value: 5 }, { lastUpdateTime: stale })).rejects.toThrow(
      /FAILED_PRECONDITION|9 /,
    );
  });

  it("retries a write sent while it is down, which lands once it is back; a listener resumes by itself", async () => {
    const watched = db.doc("watched/flag");
    await watched.set({ version: 1 });
    const seen: number[] = [];
    const errors: unknown[] = [];
    const unsubscribe = watched.onSnapshot(
      (snapshot) => seen.push(snapshot.get("version") as number),
      (error) => errors.push(error),
    );
    try {
      await waitUntil("the first snapshot", async () => seen.length > 0, 10_000);
      const restarting = firestore.restart({ downMs: 2_000 });
      await waitUntil("the gate to close", async () => !(await isPortOpen(gatePort())), 10_000, 20);
      const issued = performance.now();
      const downtimeWrite = settle(db.doc("downtime/w1").set({ sent: "while down" }), issued);
      const report = await restarting;
      const reopenedMs = performance.now() - issued;
      const outcome = await downtimeWrite;
      console.log(
        `restart while writing: ${JSON.stringify(report)}; the write sent while down ` +
          `${outcome.ok ? "succeeded" : `failed (${outcome.error})`} ${Math.round(outcome.atMs)} ms after it was ` +
          `sent, ${Math.round(outcome.atMs - reopenedMs)} ms after the gate reopened`,
      );
      expect(outcome).toMatchObject({ ok: true });
      expect(outcome.atMs).toBeGreaterThanOrEqual(reopenedMs);
      expect((await db.doc("downtime/w1").get()).data()).toEqual({ sent: "while down" });

      await watched.set({ version: 2 });
      await waitUntil("the listener to see version 2", async () => seen.includes(2), 30_000);
      expect(errors).toEqual([]);
    } finally {
      unsubscribe();
    }
  });

  it("loses no acknowledged write of a workload running through a restart", async () => {
    let running = true;
    const acknowledged: string[] = [];
    const failed: string[] = [];
    const writers = Array.from({ length: 3 }, async (_, writer) => {
      for (let i = 0; running; i++) {
        const id = `w${writer}-${i}`;
        try {
          await db.doc(`workload/${id}`).set({ writer, i });
          acknowledged.push(id);
        } catch (error) {
          failed.push(`${id}: ${String(error)}`);
        }
      }
    });
    await sleep(1_000);
    const report = await firestore.restart();
    const afterRestart = acknowledged.length;
    const recovering = performance.now();
    await waitUntil(
      "the workload to be acknowledged again",
      async () => acknowledged.length > afterRestart + 10,
      60_000,
    );
    console.log(
      `restart under load: ${JSON.stringify(report)}; writers acknowledged again ` +
        `${Math.round(performance.now() - recovering)} ms after the gate reopened`,
    );
    running = false;
    await Promise.all(writers);

    const stored = new Set((await db.collection("workload").get()).docs.map((doc) => doc.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // firebase-admin retries commits cut off by the outage instead of failing them.
    expect(failed).toEqual([]);
  });

  it("refuses to restart without an export and keeps the old emulator serving", async () => {
    await db.doc("kept/before").set({ kept: true });
    // A file where the export directory should be makes the export impossible.
    const dataDir = join(workDir, "data");
    rmSync(dataDir, { recursive: true, force: true });
    writeFileSync(dataDir, "not a directory");
    try {
      await expect(firestore.restart()).rejects.toThrow();
    } finally {
      rmSync(dataDir, { force: true });
    }
    expect((await db.doc("kept/before").get()).data()).toEqual({ kept: true });
    // And it can be restarted properly afterwards.
    await firestore.restart();
    expect((await db.doc("kept/before").get()).data()).toEqual({ kept: true });
  });
});
