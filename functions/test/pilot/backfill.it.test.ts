import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { deleteApp } from "firebase-admin/app";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../../emulators/src/legacy/seed.js";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import { BackfillLevelling } from "../../src/backfill/backfill-levelling.js";
import { reverseBackfill } from "../../src/backfill/reverse-backfill.js";
import { CustomerStageService } from "../../src/migration/customer-stage-service.js";
import { FirestoreWriteHolds } from "../../src/migration/write-hold.js";
import { applySyncSchema } from "../../src/sync/capture/sync-schema.js";
import { SyncVerifier } from "../../src/sync/verify/sync-verifier.js";
import { pinStage } from "../api/api-fixtures.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";
import { apiEditRecord } from "../sync/apply/sync-fixtures.js";
import { backfillOn } from "./support/backfill-wiring.js";

/**
 * The backfill against the real Firestore emulator and a seeded legacy database with change
 * capture: customers and their whole delivery history are copied with their ledgers, every copied
 * customer verifies equal, a vendor edit made after the snapshot is published again, and a run
 * killed mid-way (SIGKILL of its process) and started again leaves each record exactly once.
 */
let pool: pg.Pool;
let legacyUrl: string;
let projectId: string;
let codes: string[];

beforeAll(async () => {
  legacyUrl = await createIsolatedDatabase(
    testEnv().LEGACY_ADMIN_URL,
    `backfill_${randomBytes(3).toString("hex")}`,
  );
  await seedLegacyDatabase(legacyUrl, { seed: 3, scale: 0.02 });
  pool = new pg.Pool({ connectionString: legacyUrl, max: 4 });
  await applySyncSchema(pool);
  projectId = uniqueProjectId("backfill");
  const result = await pool.query(
    "SELECT client_code FROM clients WHERE client_code ~ '^[0-9]{7}$' ORDER BY client_code",
  );
  codes = result.rows.map((row: { client_code: string }) => row.client_code);
});

afterAll(async () => {
  await pool?.end();
  await deleteApp(firebaseApp(projectId)).catch(() => undefined);
});

async function ordersIn(db: FirebaseFirestore.Firestore, code: string): Promise<string[]> {
  const found = await db.collection("orders").where("data.customerCode", "==", code).select().get();
  return found.docs.map((doc) => doc.id).sort();
}

async function deliveriesIn(code: string): Promise<string[]> {
  const found = await pool.query(
    "SELECT delivery_no FROM deliveries WHERE client_code = $1 ORDER BY delivery_no",
    [code],
  );
  return found.rows.map((row: { delivery_no: string }) => row.delivery_no).sort();
}

describe("backfill", () => {
  it("copies customers with their whole history and ledgers, so each verifies equal, then turns the sync on", async () => {
    const { service, turnOn, db, assignments, runs } = backfillOn(projectId, pool, 4);
    const chosen = codes.slice(0, 10);
    const outcome = await service.run("first", chosen, turnOn);
    expect(outcome).toMatchObject({ customers: 10, done: 10, rejected: [], notTurnedOn: [] });
    const verifier = new SyncVerifier(db, pool);
    for (const code of chosen) {
      expect((await verifier.verifyCustomer(code)).mismatches, code).toEqual([]);
      expect((await assignments.get(code))?.stage).toBe("dualwrite");
      const ledger = await db.collection("syncLedger").doc(`customer:${code}`).get();
      expect(ledger.get("base")).toMatchObject({ client_code: code });
    }
    const orders = (await Promise.all(chosen.map(deliveriesIn))).flat().length;
    expect(orders).toBeGreaterThan(50);
    expect(outcome.documents).toBe(2 * (chosen.length + orders));
    expect(await runs.progress("first")).toMatchObject({ total: 10, done: 10, finishedAt: expect.any(Date) });
    // Nothing of the copy went to the outbox: it must not echo back to legacy.
    expect((await db.collection("syncOutbox").get()).size).toBe(0);
  });

  it("publishes again a vendor edit made after the snapshot, and only that", async () => {
    const { service, db, stages } = backfillOn(projectId, pool, 5);
    const code = codes[20] ?? "";
    await pool.query("UPDATE clients SET remark = 'before the snapshot' WHERE client_code = $1", [code]);
    // The relay published it while the customer was off (the sync skipped it).
    await pool.query("UPDATE sync.changes SET published_at = clock_timestamp() WHERE published_at IS NULL");
    const outcome = await service.run("window", [code], async (customerCode) => {
      // The vendor edits between the snapshot and the flip; the relay publishes it and the sync skips it.
      await pool.query("UPDATE clients SET remark = 'in the window' WHERE client_code = $1", [customerCode]);
      await pool.query("UPDATE sync.changes SET published_at = clock_timestamp() WHERE published_at IS NULL");
      await stages.advance({ customerCode, to: "dualwrite", actor: "test", reason: "test" });
    });
    expect(outcome.republished).toBe(1);
    const pending = await pool.query(
      "SELECT row->>'remark' AS remark FROM sync.changes WHERE customer_code = $1 AND published_at IS NULL",
      [code],
    );
    expect(pending.rows).toEqual([{ remark: "in the window" }]);
    const copied = await db.collection("customers").doc(code).get();
    expect(copied.get("data.remark")).toBe("before the snapshot");
  });

  it("resumes a run killed mid-way and ends with every customer and order exactly once", async () => {
    const chosen = codes.slice(30, 70);
    // node itself, not the tsx wrapper: killing a wrapper would leave the real process running.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "support", "backfill-child.ts")],
      {
        detached: true,
        env: {
          ...process.env,
          GCLOUD_PROJECT: projectId,
          BACKFILL_PROJECT: projectId,
          BACKFILL_LEGACY_URL: legacyUrl,
          BACKFILL_RUN: "killed",
          BACKFILL_CODES: chosen.join(","),
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const killedAt = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const line = chunk.toString();
        if (line.includes("chunk 10/")) {
          process.kill(-(child.pid ?? 0), "SIGKILL"); // the whole group, as a crashed instance dies
          resolve(line.trim());
        }
      });
      child.on("exit", (code) => reject(new Error(`the backfill ended (${code}) before it was killed`)));
    });
    await new Promise((resolve) => child.once("exit", resolve));
    const { service, turnOn, db, runs } = backfillOn(projectId, pool, 5);
    const before = await runs.progress("killed");
    expect(before?.done, killedAt).toBeGreaterThanOrEqual(10);
    expect(before?.done).toBeLessThan(40);
    const outcome = await service.run("killed", chosen, turnOn);
    expect(outcome).toMatchObject({ customers: 40, done: 40, notTurnedOn: [] });
    const verifier = new SyncVerifier(db, pool);
    for (const code of chosen) {
      expect((await db.collection("customers").doc(code).get()).exists, code).toBe(true);
      expect(await ordersIn(db, code), code).toEqual(await deliveriesIn(code));
      expect((await verifier.verifyCustomer(code)).equal, code).toBe(true);
    }
    expect(await runs.progress("killed")).toMatchObject({ total: 40, done: 40 });
  });

  it("brings legacy level when a customer leaves complete, keeping a vendor edit the sync still carries", async () => {
    const code = codes[80] ?? "";
    const { service, turnOn, db, assignments } = backfillOn(projectId, pool, 5);
    await service.run("reverse", [code], turnOn);
    const [kept = "", gone = "", vendorEdited = ""] = await deliveriesIn(code);
    // At complete the new side is written alone: legacy hears nothing of it.
    await pinStage(projectId, code, "complete");
    const customer = (await db.collection("customers").doc(code).get()).get("data");
    await apiEditRecord(
      db,
      { entity: "customer", key: code, customerCode: code },
      { ...customer, remark: "written while complete" },
    );
    const order = (await db.collection("orders").doc(kept).get()).get("data");
    await apiEditRecord(
      db,
      { entity: "order", key: kept, customerCode: code },
      { ...order, remark: "order note while complete" },
    );
    await apiEditRecord(db, { entity: "order", key: gone, customerCode: code }, null);
    // A vendor edit captured but not yet applied to the new side (no sync runs in this file).
    await pool.query("UPDATE deliveries SET remark = 'vendor, after complete' WHERE delivery_no = $1", [
      vendorEdited,
    ]);
    const holds = new FirestoreWriteHolds(db);
    const stages = new CustomerStageService({
      flag: { stageFor: async () => ({ stage: "off", decidedBy: "test" }) },
      assignments,
      verification: { lastVerification: async () => undefined },
      drain: { drainToLegacy: async () => undefined },
      levelling: new BackfillLevelling(service, (customerCode) => reverseBackfill(db, pool, customerCode)),
      holds,
    });
    const moved = await stages.rollback({
      customerCode: code,
      to: "rampdown",
      actor: "test",
      reason: "back to both",
    });
    expect(moved.stage).toBe("rampdown");
    expect(await legacyRemarkOf("clients", "client_code", code)).toBe("written while complete");
    expect(await legacyRemarkOf("deliveries", "delivery_no", kept)).toBe("order note while complete");
    expect(await legacyRemarkOf("deliveries", "delivery_no", vendorEdited)).toBe("vendor, after complete");
    expect(await deliveriesIn(code)).not.toContain(gone);
    const ledger = await db.collection("syncLedger").doc(`customer:${code}`).get();
    expect(ledger.get("base.remark")).toBe("written while complete");
    // Nothing the reverse copy wrote was captured: it must not come back as a vendor change.
    const captured = await pool.query(
      "SELECT count(*)::int AS n FROM sync.changes WHERE customer_code = $1 AND row->>'remark' LIKE '%while complete'",
      [code],
    );
    expect((captured.rows[0] as { n: number }).n).toBe(0);
    expect((await db.collection("writeHolds").doc(code).get()).get("stage")).toBe("rampdown");
  });
});

async function legacyRemarkOf(table: string, keyColumn: string, key: string): Promise<string | null> {
  const found = await pool.query(`SELECT remark FROM ${table} WHERE ${keyColumn} = $1`, [key]);
  return (found.rows[0] as { remark: string | null } | undefined)?.remark ?? null;
}
