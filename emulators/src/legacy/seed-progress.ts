import type pg from "pg";
import { SeedMismatchError } from "./errors.js";

export const seedTables = ["products", "drivers", "clients", "deliveries"] as const;
export type SeedTable = (typeof seedTables)[number];
export type SeedCounts = Record<SeedTable, number>;

/** Session-level advisory lock: one seeder per database; released by the server if the seeder dies. */
const seedLockKey = 7_730_090;

export async function lockSeeding(client: pg.ClientBase): Promise<void> {
  await client.query("SELECT pg_advisory_lock($1)", [seedLockKey]);
}

/** Registers the run (or finds it); true when it already finished. */
export async function beginRun(
  client: pg.ClientBase,
  key: string,
  seed: number,
  scale: number,
): Promise<boolean> {
  const existing = await client.query<{ run_key: string; finished: boolean }>(
    "SELECT run_key, finished_at IS NOT NULL AS finished FROM seed.runs",
  );
  const other = existing.rows.find((row) => row.run_key !== key);
  if (other) throw new SeedMismatchError(other.run_key, key);
  const mine = existing.rows.find((row) => row.run_key === key);
  if (mine) return mine.finished;
  await client.query("INSERT INTO seed.runs (run_key, seed, scale) VALUES ($1, $2, $3)", [key, seed, scale]);
  return false;
}

export async function finishRun(client: pg.ClientBase, key: string): Promise<void> {
  await client.query("UPDATE seed.runs SET finished_at = now() WHERE run_key = $1", [key]);
}

/** `table:batchNo` of every batch already committed. */
export async function completedBatches(client: pg.ClientBase, key: string): Promise<Set<string>> {
  const result = await client.query<{ table_name: string; batch_no: number }>(
    "SELECT table_name, batch_no FROM seed.progress WHERE run_key = $1",
    [key],
  );
  return new Set(result.rows.map((row) => batchId(row.table_name, row.batch_no)));
}

export function batchId(table: string, batchNo: number): string {
  return `${table}:${batchNo}`;
}

/** Must run inside the batch's own transaction: the record and the rows commit or vanish together. */
export async function recordBatch(
  client: pg.ClientBase,
  key: string,
  table: SeedTable,
  batchNo: number,
  rowCount: number,
): Promise<void> {
  await client.query(
    "INSERT INTO seed.progress (run_key, table_name, batch_no, row_count) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    [key, table, batchNo, rowCount],
  );
}

export async function seededCounts(client: pg.ClientBase, key: string): Promise<SeedCounts> {
  const result = await client.query<{ table_name: SeedTable; rows: string }>(
    "SELECT table_name, sum(row_count) AS rows FROM seed.progress WHERE run_key = $1 GROUP BY table_name",
    [key],
  );
  const counts: SeedCounts = { products: 0, drivers: 0, clients: 0, deliveries: 0 };
  for (const row of result.rows) counts[row.table_name] = Number(row.rows);
  return counts;
}
