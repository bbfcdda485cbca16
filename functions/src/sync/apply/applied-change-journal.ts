import type pg from "pg";
import { DomainError } from "../../domain/domain-error.js";
import { appliedChangesSql, schemaLockKey } from "../capture/sync-schema.js";
import type { ChangeMessage } from "../change-message.js";
import type { MergeResult } from "../conflicts/three-way-merge.js";
import { everyColumn, type FieldEditTimes } from "../field-edit-times.js";
import type { ApplyOutcome } from "./apply-outcome.js";
import { captureInstalled, type SqlStatement } from "./legacy-records.js";

/** `sync.changes.op`: insert, update, delete. */
export type CapturedOp = "I" | "U" | "D";

import { tableOf } from "./record-rows.js";

/**
 * The journaled decision, the row's newest capture, and when the vendor last edited each column:
 * an insert (or a capture from before version 4, which did not list its columns) counts as an
 * edit of every column (`*`). Captures are kept for the retention period, older edits are unknown.
 */
const findSql = `
SELECT (SELECT result FROM sync.applied_changes WHERE change_id = $1) AS journaled,
       coalesce(latest.id, 0) AS captured, latest.op AS op, edits.times AS edits
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (
  SELECT id, op FROM sync.changes WHERE table_name = $2 AND pk = $3 ORDER BY id DESC LIMIT 1
) AS latest ON true
LEFT JOIN LATERAL (
  SELECT jsonb_object_agg(per_column.col, per_column.edited_ms) AS times
  FROM (
    SELECT col, floor(extract(epoch FROM max(c.committed_at)) * 1000)::bigint AS edited_ms
    FROM sync.changes AS c
    CROSS JOIN LATERAL unnest(
      CASE WHEN c.op = 'I' OR c.changed_columns IS NULL THEN ARRAY['${everyColumn}'] ELSE c.changed_columns END
    ) AS col
    WHERE c.table_name = $2 AND c.pk = $3 AND c.op <> 'D'
    GROUP BY col
  ) AS per_column
) AS edits ON true`;

/** What one new → legacy apply decided, as committed with the vendor rows it wrote. */
export interface JournaledApply {
  outcome: ApplyOutcome;
  merge?: MergeResult;
  /** The ledger's legacy version when the change was claimed: a later one means the base moved on. */
  claimedLegacyVersion: number;
  /** A delete: legacy changes of the row captured below this id were made before it (stale). */
  deletedBelow?: number;
}

/**
 * `sync.applied_changes` in the legacy database. PostgreSQL commits before the Firestore ledger
 * does; if the function dies (or the database drops the connection after COMMIT) in between, the
 * change is redelivered and must not be merged a second time against rows it already changed:
 * the second merge would see its own write as a legacy edit and bound tombstones wrongly.
 * Rows are needed only while Pub/Sub may redeliver (7 days); the legacy relay purges older ones
 * (../relay/legacy-retention.ts).
 */
export class AppliedChangeJournal {
  private ready: Promise<void> | undefined;

  /** Creates the journal table once per instance (a cold start may meet a database without it). */
  ensureTable(runInTransaction: (work: (client: pg.ClientBase) => Promise<void>) => Promise<void>) {
    this.ready ??= runInTransaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [schemaLockKey]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS sync;${appliedChangesSql}`);
    }).catch((error: unknown) => {
      this.ready = undefined; // database down at cold start: try again with the next message
      throw error;
    });
    return this.ready;
  }

  /**
   * The journaled decision and, in the same round trip, the row's newest captured change id (the
   * tombstone bound, see README). Call it after taking the row lock: a statement's snapshot is
   * taken when it starts, so one that waited for the lock would not see what the holder committed.
   */
  async find(
    client: pg.ClientBase,
    message: Pick<ChangeMessage, "changeId" | "entity" | "key">,
  ): Promise<{
    journaled: JournaledApply | null;
    latestCapturedId: number;
    latestCapturedOp: CapturedOp | null;
    /** When the vendor last edited each column of the row, from the captures (field-edit-times.ts). */
    vendorEditTimes: FieldEditTimes;
  }> {
    // Without capture installed nothing is captured, so nothing can be in flight: the bound is 0.
    if (!(await captureInstalled(client))) {
      const result = await client.query(
        "SELECT (SELECT result FROM sync.applied_changes WHERE change_id = $1) AS journaled",
        [message.changeId],
      );
      return {
        journaled: result.rows[0]?.journaled ?? null,
        latestCapturedId: 0,
        latestCapturedOp: null,
        vendorEditTimes: {},
      };
    }
    // The row's newest captured change: its id bounds the legacy changes in flight, and a `D` says
    // the vendor deleted the row (whether or not that delete has reached Firestore yet).
    const result = await client.query(findSql, [
      message.changeId,
      tableOf[message.entity].table,
      message.key,
    ]);
    const found = result.rows[0] as {
      journaled: JournaledApply | null;
      captured: string | number;
      op: string | null;
      edits: Record<string, string | number> | null;
    };
    return {
      journaled: found.journaled,
      latestCapturedId: Number(found.captured),
      latestCapturedOp: found.op === null ? null : (found.op as CapturedOp),
      vendorEditTimes: Object.fromEntries(
        Object.entries(found.edits ?? {}).map(([column, ms]) => [column, Number(ms)]),
      ),
    };
  }

  /**
   * Journals the decision, in one round trip with `write` (the vendor row it decided) when given:
   * the row write runs as a data-modifying WITH, so both commit or neither. A concurrent delivery of
   * the same change that got there first (possible only for a row that did not exist yet, so no
   * row lock ordered them) makes this one roll back and be redelivered, to replay the first one's
   * decision.
   */
  async record(
    client: pg.ClientBase,
    message: ChangeMessage,
    applied: JournaledApply,
    write?: SqlStatement,
  ): Promise<void> {
    const offset = write?.values.length ?? 0;
    const journal = `INSERT INTO sync.applied_changes (change_id, entity, pk, result)
       VALUES ($${offset + 1}, $${offset + 2}, $${offset + 3}, $${offset + 4}) ON CONFLICT (change_id) DO NOTHING`;
    const inserted = await client.query(write ? `WITH written AS (${write.text}) ${journal}` : journal, [
      ...(write?.values ?? []),
      message.changeId,
      message.entity,
      message.key,
      JSON.stringify(applied),
    ]);
    if (inserted.rowCount === 0) throw new ConcurrentApplyError(message.changeId);
  }
}

/** Another delivery of the same change committed first: roll back, redeliver, replay. */
export class ConcurrentApplyError extends DomainError {
  constructor(changeId: string) {
    super("SYNC_RECORD_BUSY", `Change ${changeId} was applied concurrently; it will be redelivered.`);
  }
}
