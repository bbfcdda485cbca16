import type pg from "pg";
import { inTransactionOn } from "../../adapters/legacy-transaction.js";

/**
 * Runs `work` in one transaction tagged as the sync's own write (`luckygas.origin = 'sync'`), so
 * the capture trigger skips it and nothing the sync applies to legacy echoes back as a legacy
 * change. SET LOCAL semantics: the tag ends with the transaction. Commits on success, rolls back
 * on error.
 */
export async function withSyncOrigin<T>(
  client: pg.ClientBase,
  work: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  // One round trip for both: a connection is held for the whole transaction, so each one counts.
  return inTransactionOn(client, "BEGIN; SELECT set_config('luckygas.origin', 'sync', true)", work);
}
