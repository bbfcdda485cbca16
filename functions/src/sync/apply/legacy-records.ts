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

/** A parameterised statement, for callers that run it together with their own in one round trip. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

export function upsertStatement(entity: SyncEntity, row: FlatRow): SqlStatement {
  const { table, keyColumn } = tableOf[entity];
  const columns = columnsOf[entity];
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(", ");
  const updates = columns
    .filter((column) => column !== keyColumn)
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(", ");
  return {
    text: `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders}) ON CONFLICT (${keyColumn}) DO UPDATE SET ${updates}`,
    values: columns.map((column) => row[column] ?? null),
  };
}

export async function upsertRow(client: pg.ClientBase, entity: SyncEntity, row: FlatRow): Promise<void> {
  const { text, values } = upsertStatement(entity, row);
  await client.query(text, values);
}

export async function deleteRow(client: pg.PoolClient, entity: SyncEntity, key: string): Promise<boolean> {
  const { table, keyColumn } = tableOf[entity];
  const result = await client.query(`DELETE FROM ${table} WHERE ${keyColumn} = $1`, [key]);
  return (result.rowCount ?? 0) > 0;
}

let captureSchemaSeen = false;

/** Is legacy change capture installed? Once seen it stays (never dropped): one look per instance. */
export async function captureInstalled(client: pg.ClientBase): Promise<boolean> {
  if (captureSchemaSeen) return true;
  const present = await client.query("SELECT to_regclass('sync.changes') IS NOT NULL AS present");
  captureSchemaSeen = (present.rows[0] as { present: boolean }).present;
  return captureSchemaSeen;
}

/** SQL expression: a row's newest captured change id, 0 when none (placeholders for table and key). */
export const latestCapturedIdExpression = (tableParam: string, keyParam: string) =>
  `(SELECT coalesce(max(id), 0) FROM sync.changes WHERE table_name = ${tableParam} AND pk = ${keyParam})`;

/**
 * The newest captured change id of a row: legacy changes still in flight are at or below it.
 * 0 when the capture schema is absent (nothing is captured, so nothing is in flight).
 */
export async function latestCapturedId(
  client: pg.ClientBase,
  entity: SyncEntity,
  key: string,
): Promise<number> {
  if (!(await captureInstalled(client))) return 0;
  const result = await client.query(`SELECT ${latestCapturedIdExpression("$1", "$2")}::bigint AS id`, [
    tableOf[entity].table,
    key,
  ]);
  return Number((result.rows[0] as { id: string }).id);
}
