import type pg from "pg";

/**
 * Marks the current transaction as the sync's own write, so the capture trigger skips it
 * and nothing the sync applies to legacy echoes back as a legacy change.
 * Must run inside a transaction (SET LOCAL semantics: it ends with the transaction).
 */
export async function markSyncOrigin(client: pg.ClientBase): Promise<void> {
  await client.query("SELECT set_config('luckygas.origin', 'sync', true)");
}

/** Runs `work` in one transaction tagged as a sync write; commits on success, rolls back on error. */
export async function withSyncOrigin<T>(
  client: pg.ClientBase,
  work: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  await client.query("BEGIN");
  try {
    await markSyncOrigin(client);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
