import type pg from "pg";
import { inTransactionOn } from "./legacy-transaction.js";

const fetchSize = 500;

/**
 * Reads a query through a server-side cursor, `fetchSize` rows at a time, never all at once. The
 * caller holds `client` inside a transaction (a cursor lives only as long as its transaction).
 */
export async function* cursorRows(client: pg.PoolClient, name: string, sql: string): AsyncGenerator<unknown> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const batch = await client.query(`FETCH ${fetchSize} FROM ${name}`);
    yield* batch.rows;
    if (batch.rows.length < fetchSize) return;
  }
}

/** Runs `work` in one REPEATABLE READ READ ONLY transaction: every query sees the same snapshot. */
export async function inLegacySnapshot<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransactionOn(client, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work);
  } finally {
    client.release();
  }
}
