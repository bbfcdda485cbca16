import { randomUUID } from "node:crypto";
import type pg from "pg";
import { inLegacyTransaction } from "../../adapters/legacy-transaction.js";
import { capturedChangeSchema, capturedChangeToMessage } from "./captured-change.js";
import type { ChangeSource, ClaimedBatch, ClaimedChange, RejectedChange } from "./relay-ports.js";

/**
 * Claims unpublished rows in id order, by lease: ONE short statement takes the rows (SKIP LOCKED,
 * so concurrent relays take disjoint rows), stamps them with this batch's token and a lease end,
 * and commits; the relay then publishes with no transaction open, and marks by token in a second
 * short statement. (Holding the claim's transaction across the publish pinned vacuum's horizon on
 * the vendor tables, kept a connection busy, and a publish slower than the idle-in-transaction
 * timeout lost the whole batch's marks.) A row whose lease is live is not claimable; a claimed row
 * is dropped from the batch while an EARLIER unpublished row of the same customer is outside it
 * (leased by another relay, locked by its claim, or cut off by the limit), so two relays never
 * reorder a customer's changes. Same-row changes are in id order because the vendor's row lock
 * serialises them and the trigger draws the id after taking that lock.
 */
const claimSql = `
WITH candidates AS (
  SELECT id, customer_code
  FROM sync.changes
  WHERE published_at IS NULL
    AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
  ORDER BY id
  LIMIT $1
  FOR UPDATE SKIP LOCKED
), claimable AS (
  SELECT c.id FROM candidates c
  WHERE NOT EXISTS (
    SELECT 1 FROM sync.changes earlier
    WHERE earlier.published_at IS NULL
      AND earlier.customer_code = c.customer_code
      AND earlier.id < c.id
      AND earlier.id NOT IN (SELECT id FROM candidates)
  )
)
UPDATE sync.changes s
SET claim_token = $2, claimed_until = clock_timestamp() + make_interval(secs => $3)
FROM claimable
WHERE s.id = claimable.id
RETURNING s.id, s.table_name, s.op, s.pk, s.customer_code, s.row, s.committed_at`;

/** Marks only rows this batch still holds: a row whose lease ran out may be another relay's now. */
const markPublishedSql = `UPDATE sync.changes
  SET published_at = clock_timestamp(), claim_token = NULL, claimed_until = NULL
  WHERE id = ANY($1::bigint[]) AND claim_token = $2`;
const markRejectedSql = `UPDATE sync.changes
  SET published_at = clock_timestamp(), publish_error = $3, claim_token = NULL, claimed_until = NULL
  WHERE id = $1 AND claim_token = $2`;
/** What was not published goes back at once instead of waiting for its lease to run out. */
const releaseSql = `UPDATE sync.changes SET claim_token = NULL, claimed_until = NULL
  WHERE claim_token = $1 AND published_at IS NULL`;

/**
 * How long a claim keeps other relays off its rows. Publishing takes milliseconds; a publish slower
 * than this lets another relay publish the same changes again, which consumers drop as duplicates.
 * It is also how long a killed relay's claimed customers wait.
 */
export const defaultClaimLeaseMs = 30_000;

interface ChangeRow {
  id: string;
  table_name: string;
  op: string;
  pk: string;
  customer_code: string;
  row: Record<string, unknown>;
  committed_at: Date;
}

function toClaimed(rows: ChangeRow[]): { changes: ClaimedChange[]; rejected: RejectedChange[] } {
  const changes: ClaimedChange[] = [];
  const rejected: RejectedChange[] = [];
  for (const row of rows) {
    try {
      const change = capturedChangeSchema.parse({
        id: Number(row.id),
        tableName: row.table_name,
        op: row.op,
        pk: row.pk,
        customerCode: row.customer_code,
        row: row.row,
        committedAt: row.committed_at,
      });
      changes.push({ ref: row.id, message: capturedChangeToMessage(change) });
    } catch (error) {
      rejected.push({ ref: row.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { changes, rejected };
}

/** The legacy side's change source: `sync.changes` through a `pg` pool, claimed by lease. */
export class LegacyChangeSource implements ChangeSource {
  constructor(
    private readonly pool: pg.Pool,
    private readonly claimLeaseMs = defaultClaimLeaseMs,
  ) {}

  async claim(limit: number): Promise<ClaimedBatch> {
    const token = randomUUID();
    const result = await this.pool.query<ChangeRow>(claimSql, [limit, token, this.claimLeaseMs / 1000]);
    const rows = result.rows.sort((a, b) => Number(a.id) - Number(b.id)); // RETURNING has no order
    const { changes, rejected } = toClaimed(rows);
    let open = rows.length > 0;
    const settle = async (publishedRefs: string[]) => {
      if (!open) return;
      open = false;
      await inLegacyTransaction(this.pool, async (client) => {
        if (publishedRefs.length > 0) await client.query(markPublishedSql, [publishedRefs, token]);
        for (const r of rejected)
          await client.query(markRejectedSql, [r.ref, token, r.reason.slice(0, 2000)]);
        await client.query(releaseSql, [token]);
      });
    };
    return { changes, rejected, complete: settle, abandon: () => settle([]) };
  }
}
