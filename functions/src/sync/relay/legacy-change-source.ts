import type pg from "pg";
import { capturedChangeSchema, capturedChangeToMessage } from "./captured-change.js";
import type { ChangeSource, ClaimedBatch, ClaimedChange, RejectedChange } from "./relay-ports.js";

/**
 * Claims unpublished rows in id order. SKIP LOCKED lets concurrent relays take disjoint rows;
 * a claimed row is dropped from the batch while an EARLIER unpublished row of the same customer
 * is outside it (another relay holds it, or the limit cut it off), so a customer's changes are
 * never published out of order by two relays racing. Same-row changes are in id order because the
 * vendor's row lock serialises them and the trigger draws the id after taking that lock.
 */
const claimSql = `
WITH claimed AS (
  SELECT id, table_name, op, pk, customer_code, row, committed_at
  FROM sync.changes
  WHERE published_at IS NULL
  ORDER BY id
  LIMIT $1
  FOR UPDATE SKIP LOCKED
)
SELECT c.id, c.table_name, c.op, c.pk, c.customer_code, c.row, c.committed_at
FROM claimed c
WHERE NOT EXISTS (
  SELECT 1 FROM sync.changes earlier
  WHERE earlier.published_at IS NULL
    AND earlier.customer_code = c.customer_code
    AND earlier.id < c.id
    AND earlier.id NOT IN (SELECT id FROM claimed)
)
ORDER BY c.id`;

const markPublishedSql =
  "UPDATE sync.changes SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[])";
const markRejectedSql =
  "UPDATE sync.changes SET published_at = clock_timestamp(), publish_error = $2 WHERE id = $1";

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

/** The legacy side's change source: `sync.changes` through a `pg` pool. */
export class LegacyChangeSource implements ChangeSource {
  constructor(private readonly pool: pg.Pool) {}

  async claim(limit: number): Promise<ClaimedBatch> {
    const client = await this.pool.connect();
    let open = true;
    const finish = async (sql: "COMMIT" | "ROLLBACK") => {
      if (!open) return;
      open = false;
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    };
    try {
      await client.query("BEGIN");
      const result = await client.query<ChangeRow>(claimSql, [limit]);
      const { changes, rejected } = toClaimed(result.rows);
      return {
        changes,
        rejected,
        complete: async (publishedRefs) => {
          try {
            if (publishedRefs.length > 0) await client.query(markPublishedSql, [publishedRefs]);
            for (const r of rejected) await client.query(markRejectedSql, [r.ref, r.reason.slice(0, 2000)]);
          } catch (error) {
            await finish("ROLLBACK").catch(() => undefined);
            throw error;
          }
          await finish("COMMIT");
        },
        abandon: () => finish("ROLLBACK"),
      };
    } catch (error) {
      await finish("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }
}
