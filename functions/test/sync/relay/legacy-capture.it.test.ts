import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import { sampleClientRow, sampleDeliveryRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { withSyncOrigin } from "../../../src/sync/capture/sync-origin.js";
import { applySyncSchema } from "../../../src/sync/capture/sync-schema.js";
import { testEnv } from "../../support/test-env.js";
import { insertRow } from "./relay-test-support.js";

/** Change capture in the real PostgreSQL: what the triggers record, and what they must not. */
let pool: pg.Pool;

interface CapturedRow {
  table_name: string;
  op: string;
  pk: string;
  customer_code: string;
  row: Record<string, unknown>;
  origin: string;
  published_at: Date | null;
}

async function capturedSince(id: number): Promise<CapturedRow[]> {
  const result = await pool.query<CapturedRow>(
    "SELECT table_name, op, pk, customer_code, row, origin, published_at FROM sync.changes WHERE id > $1 ORDER BY id",
    [id],
  );
  return result.rows;
}

async function lastChangeId(): Promise<number> {
  const result = await pool.query<{ max: string | null }>("SELECT max(id) AS max FROM sync.changes");
  return Number(result.rows[0]?.max ?? 0);
}

beforeAll(async () => {
  const url = await createIsolatedDatabase(testEnv().LEGACY_ADMIN_URL, "relay_capture");
  pool = new pg.Pool({ connectionString: url, max: 4 });
  await applySyncSchema(pool);
  await applySyncSchema(pool); // idempotent: a second cold start changes nothing
});

afterAll(async () => {
  await pool?.end();
});

describe("legacy change capture", () => {
  it("captures insert, update and delete on clients and deliveries, delete with the old row", async () => {
    const before = await lastChangeId();
    await insertRow(pool, "clients", sampleClientRow({ client_code: "0200001" }));
    await insertRow(pool, "deliveries", sampleDeliveryRow({ delivery_no: "D1", client_code: "0200001" }));
    await pool.query("UPDATE clients SET short_name = '新名稱' WHERE client_code = '0200001'");
    await pool.query("UPDATE deliveries SET status = '03' WHERE delivery_no = 'D1'");
    await pool.query("DELETE FROM deliveries WHERE delivery_no = 'D1'");

    const rows = await capturedSince(before);
    expect(rows.map((r) => [r.table_name, r.op, r.pk, r.customer_code, r.origin])).toEqual([
      ["clients", "I", "0200001", "0200001", "legacy"],
      ["deliveries", "I", "D1", "0200001", "legacy"],
      ["clients", "U", "0200001", "0200001", "legacy"],
      ["deliveries", "U", "D1", "0200001", "legacy"],
      ["deliveries", "D", "D1", "0200001", "legacy"],
    ]);
    expect(rows[2]?.row.short_name).toBe("新名稱");
    expect(rows[4]?.row.status).toBe("03"); // the row as it was before the delete
    expect(rows.every((r) => r.published_at === null)).toBe(true);
  });

  it("captures the nightly balance job: a balance-only UPDATE that leaves upd_date alone", async () => {
    await insertRow(pool, "clients", sampleClientRow({ client_code: "0200002", balance: 0 }));
    const before = await lastChangeId();
    await pool.query(
      "UPDATE clients SET balance = balance + 1200 WHERE client_code IN ('0200001', '0200002')",
    );
    const rows = await capturedSince(before);
    expect(rows.map((r) => [r.pk, r.op, r.row.balance, r.row.upd_date])).toEqual([
      ["0200001", "U", 1200, "1141128"],
      ["0200002", "U", 1200, "1141128"],
    ]);
  });

  it("skips updates that change nothing", async () => {
    const before = await lastChangeId();
    await pool.query("UPDATE clients SET balance = balance WHERE client_code = '0200002'");
    await pool.query("UPDATE clients SET short_name = short_name");
    expect(await capturedSince(before)).toEqual([]);
  });

  it("does not capture the sync's own writes, and a rolled-back sync write leaves nothing", async () => {
    const before = await lastChangeId();
    const client = await pool.connect();
    try {
      await withSyncOrigin(client, async (tx) => {
        await insertRow(tx as pg.PoolClient, "clients", sampleClientRow({ client_code: "0200003" }));
        await tx.query("UPDATE clients SET remark = 'from new system' WHERE client_code = '0200001'");
        await tx.query("DELETE FROM clients WHERE client_code = '0200003'");
      });
      await expect(
        withSyncOrigin(client, async (tx) => {
          await tx.query("UPDATE clients SET remark = 'rolled back' WHERE client_code = '0200001'");
          throw new Error("apply failed");
        }),
      ).rejects.toThrow("apply failed");
      // The origin is per transaction: the next plain write on the same connection is captured again.
      await client.query("UPDATE clients SET remark = 'vendor app' WHERE client_code = '0200001'");
    } finally {
      client.release();
    }
    const rows = await capturedSince(before);
    expect(rows.map((r) => [r.pk, r.op, r.row.remark, r.origin])).toEqual([
      ["0200001", "U", "vendor app", "legacy"],
    ]);
  });
});
