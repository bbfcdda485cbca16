import type pg from "pg";
import { inLegacySnapshot } from "../adapters/legacy-cursor.js";
import type { SyncEntity } from "../sync/change-message.js";
import type { FlatRow } from "../sync/ledger/sync-ledger.js";

/** One vendor row to copy, with the newest capture of it the snapshot can see. */
export interface SnapshotRow {
  entity: SyncEntity;
  key: string;
  customerCode: string;
  row: FlatRow;
  /** The id of the newest `sync.changes` row of this record in the snapshot (0: none). */
  legacyVersion: number;
}

export interface BackfillSnapshot {
  /**
   * `txid_current_snapshot()` of the read. A capture whose transaction this snapshot cannot see
   * changed something the copy does not contain: it is published again once the customer's sync runs.
   */
  txSnapshot: string;
  rows: SnapshotRow[];
}

const captureVersionsSql = `SELECT table_name, pk, max(id)::text AS version FROM sync.changes
  WHERE customer_code = ANY($1) GROUP BY table_name, pk`;

/**
 * Reads customers, their whole delivery history and the newest capture of each row in ONE
 * repeatable-read snapshot. Per row the newest visible capture is exact: the vendor's row lock
 * serialises writes of a row and the trigger draws the id under it, so a later capture of the same
 * row has a higher id and commits later.
 */
export function readBackfillSnapshot(
  pool: pg.Pool,
  customerCodes: readonly string[],
): Promise<BackfillSnapshot> {
  return inLegacySnapshot(pool, async (client) => {
    const codes = [...customerCodes];
    const snapshot = await client.query("SELECT txid_current_snapshot()::text AS snap");
    const clients = await client.query("SELECT * FROM clients WHERE client_code = ANY($1)", [codes]);
    const deliveries = await client.query("SELECT * FROM deliveries WHERE client_code = ANY($1)", [codes]);
    const versions = await captureVersions(client, codes);
    const rowOf = (entity: SyncEntity, keyColumn: string) => (row: FlatRow) => {
      const key = String(row[keyColumn]);
      const legacyVersion = versions.get(`${entity === "customer" ? "clients" : "deliveries"}:${key}`) ?? 0;
      return { entity, key, customerCode: String(row.client_code), row, legacyVersion };
    };
    return {
      txSnapshot: (snapshot.rows[0] as { snap: string }).snap,
      rows: [
        ...(clients.rows as FlatRow[]).map(rowOf("customer", "client_code")),
        ...(deliveries.rows as FlatRow[]).map(rowOf("order", "delivery_no")),
      ],
    };
  });
}

/** `table:pk` → newest capture id; empty when the capture schema is not installed (nothing captured). */
async function captureVersions(client: pg.PoolClient, codes: string[]): Promise<Map<string, number>> {
  const installed = await client.query("SELECT to_regclass('sync.changes') IS NOT NULL AS installed");
  if (!(installed.rows[0] as { installed: boolean }).installed) return new Map();
  const result = await client.query(captureVersionsSql, [codes]);
  const rows = result.rows as { table_name: string; pk: string; version: string }[];
  return new Map(rows.map((row) => [`${row.table_name}:${row.pk}`, Number(row.version)]));
}
