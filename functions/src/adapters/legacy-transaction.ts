import type pg from "pg";
import { DependencyUnavailableError } from "../shared/errors.js";

/**
 * Runs `work` in one transaction on a connection the caller holds: `begin` opens it (it may set
 * transaction-local settings in the same round trip), COMMIT on success, ROLLBACK on any error.
 */
export async function inTransactionOn<C extends pg.ClientBase, T>(
  client: C,
  begin: string,
  work: (client: C) => Promise<T>,
): Promise<T> {
  await client.query(begin);
  try {
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** lock_not_available (lock_timeout) and query_canceled (statement_timeout): the vendor database is busy. */
const busyCodes = new Set(["55P03", "57014"]);

/**
 * Runs `work` in one legacy SQL transaction on a pooled connection; any error rolls everything back.
 * Waiting too long for the vendor application's locks is a 503 to retry, not a server fault.
 */
export async function inLegacyTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransactionOn(client, "BEGIN", work);
  } catch (error) {
    if (busyCodes.has(String((error as { code?: unknown }).code))) {
      throw new DependencyUnavailableError(
        "The vendor database is busy (its application holds the rows); retry shortly.",
      );
    }
    throw error;
  } finally {
    client.release();
  }
}

/** `UPDATE table SET a = $2, b = $3 … WHERE key = $1` from a row object. */
export function updateStatement(table: string, key: string, row: Record<string, unknown>) {
  const columns = Object.keys(row).filter((column) => column !== key);
  const sets = columns.map((column, index) => `${column} = $${index + 2}`).join(", ");
  return {
    text: `UPDATE ${table} SET ${sets} WHERE ${key} = $1`,
    values: [row[key], ...columns.map((column) => row[column])],
  };
}

export function insertStatement(table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(", ");
  return {
    text: `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`,
    values: columns.map((column) => row[column]),
  };
}
