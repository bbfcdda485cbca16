import type pg from "pg";
import type { SyncEntity } from "../change-message.js";
import type { FlatRow } from "../ledger/sync-ledger.js";
import { columnsOf, tableOf } from "./record-rows.js";

/** Reads and writes vendor rows in legacy-row column space (plain SQL, the vendor's columns only). */
export async function selectRowForUpdate(
  client: pg.PoolClient,
  entity: SyncEntity,
  key: string,
): Promise<FlatRow | null> {
  const { table, keyColumn } = tableOf[entity];
  const result = await client.query(`SELECT * FROM ${table} WHERE ${keyColumn} = $1 FOR UPDATE`, [key]);
  return (result.rows[0] as FlatRow | undefined) ?? null;
}

export async function selectRows(
  client: pg.ClientBase,
  entity: SyncEntity,
  customerCode: string,
): Promise<FlatRow[]> {
  const { table } = tableOf[entity];
  const result = await client.query(`SELECT * FROM ${table} WHERE client_code = $1`, [customerCode]);
  return result.rows as FlatRow[];
}

export async function upsertRow(client: pg.PoolClient, entity: SyncEntity, row: FlatRow): Promise<void> {
  const { table, keyColumn } = tableOf[entity];
  const columns = columnsOf[entity];
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(", ");
  const updates = columns
    .filter((column) => column !== keyColumn)
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(", ");
  await client.query(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders}) ON CONFLICT (${keyColumn}) DO UPDATE SET ${updates}`,
    columns.map((column) => row[column] ?? null),
  );
}

export async function deleteRow(client: pg.PoolClient, entity: SyncEntity, key: string): Promise<boolean> {
  const { table, keyColumn } = tableOf[entity];
  const result = await client.query(`DELETE FROM ${table} WHERE ${keyColumn} = $1`, [key]);
  return (result.rowCount ?? 0) > 0;
}

let captureSchemaSeen = false;

/**
 * The newest captured change id of a row: legacy changes still in flight are at or below it.
 * 0 when the capture schema is absent (nothing is captured, so nothing is in flight).
 */
export async function latestCapturedId(
  client: pg.PoolClient,
  entity: SyncEntity,
  key: string,
): Promise<number> {
  if (!captureSchemaSeen) {
    const present = await client.query("SELECT to_regclass('sync.changes') IS NOT NULL AS present");
    if (!(present.rows[0] as { present: boolean }).present) return 0;
    captureSchemaSeen = true; // it is never dropped: one look per instance is enough
  }
  const result = await client.query(
    "SELECT coalesce(max(id), 0)::bigint AS id FROM sync.changes WHERE table_name = $1 AND pk = $2",
    [tableOf[entity].table, key],
  );
  return Number((result.rows[0] as { id: string }).id);
}
