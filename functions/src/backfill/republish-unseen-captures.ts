import type pg from "pg";

/**
 * Marks the customers' captured changes that `txSnapshot` could not see as unpublished again, so
 * the legacy relay publishes them once more, now that the customers' sync runs (while they were
 * `off` the sync acknowledged and skipped them). Captures the snapshot saw are already in the copy;
 * the ledger drops them as stale if they come again. Rows the relay rejected stay rejected.
 */
export async function republishUnseenCaptures(
  pool: pg.Pool,
  customerCodes: readonly string[],
  txSnapshot: string,
): Promise<number> {
  const installed = await pool.query("SELECT to_regclass('sync.changes') IS NOT NULL AS installed");
  if (!(installed.rows[0] as { installed: boolean }).installed) return 0;
  const result = await pool.query(
    `UPDATE sync.changes SET published_at = NULL, claim_token = NULL, claimed_until = NULL
     WHERE customer_code = ANY($1) AND published_at IS NOT NULL AND publish_error IS NULL
       AND NOT txid_visible_in_snapshot(txid, $2::txid_snapshot)`,
    [[...customerCodes], txSnapshot],
  );
  return result.rowCount ?? 0;
}
