import { randomUUID } from "node:crypto";
import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { inLegacyTransaction } from "../adapters/legacy-transaction.js";
import { type AuditEntry, auditEntrySchema } from "./audit-log.js";
import { auditCollection, auditDocument } from "./firestore-audit-log.js";

/**
 * Audit entries of writes to the vendor database. PostgreSQL and Firestore share no transaction, so
 * an entry is inserted into `sync.audit_outbox` in the write's own transaction (it commits exactly
 * when the write does), then moved to Firestore under the same id: right after the commit, and by
 * the legacy relay's sweep if the API stopped in between. The move is idempotent (same document id).
 */
export class LegacyAuditOutbox {
  constructor(
    private readonly pool: pg.Pool,
    private readonly db: Firestore,
  ) {}

  /** Inside the write's transaction: the entry commits or rolls back with it. Returns its id. */
  async stage(client: pg.ClientBase, entry: AuditEntry): Promise<string> {
    const id = randomUUID();
    const valid = auditEntrySchema.parse(entry);
    await client.query("INSERT INTO sync.audit_outbox (id, entry) VALUES ($1, $2)", [
      id,
      JSON.stringify(valid),
    ]);
    return id;
  }

  /** Whether the entry is there: it commits exactly when its write does, so it tells whether that write did. */
  async isStaged(id: string): Promise<boolean> {
    const found = await this.pool.query("SELECT 1 FROM sync.audit_outbox WHERE id = $1", [id]);
    return (found.rowCount ?? 0) > 0;
  }

  /** After the commit: moves these entries to Firestore. A failure leaves them for the sweep. */
  async publish(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.pool.query("SELECT id, entry FROM sync.audit_outbox WHERE id = ANY($1::uuid[])", [
      ids,
    ]);
    await this.move(rows.rows as { id: string; entry: unknown }[]);
  }

  /** Moves every entry older than `olderThanMs` (the API's own publish had its chance); returns how many. */
  async sweep(olderThanMs = 60_000, batch = 500): Promise<number> {
    const rows = await this.pool.query(
      "SELECT id, entry FROM sync.audit_outbox WHERE created_at < clock_timestamp() - make_interval(secs => $1) ORDER BY created_at LIMIT $2",
      [olderThanMs / 1000, batch],
    );
    await this.move(rows.rows as { id: string; entry: unknown }[]);
    return rows.rowCount ?? 0;
  }

  private async move(rows: { id: string; entry: unknown }[]): Promise<void> {
    if (rows.length === 0) return;
    const batch = this.db.batch();
    for (const row of rows) {
      const entry = auditEntrySchema.parse(revive(row.entry));
      batch.set(this.db.collection(auditCollection).doc(row.id), auditDocument(entry));
    }
    await batch.commit();
    await this.pool.query("DELETE FROM sync.audit_outbox WHERE id = ANY($1::uuid[])", [
      rows.map((row) => row.id),
    ]);
  }
}

/** jsonb gives `when` back as text. */
function revive(entry: unknown): unknown {
  const value = entry as Record<string, unknown>;
  return { ...value, when: new Date(String(value.when)) };
}

/**
 * Runs a write to the vendor tables in one transaction together with its audit entry, then moves
 * the entry to Firestore. A failed move is not the caller's failure (the write and its entry are
 * committed); the relay's sweep moves it later.
 *
 * Nothing here runs a transaction twice, so a lost COMMIT answer (the connection cut after
 * PostgreSQL committed) cannot write twice, but it would answer with an error for a write that
 * happened. When everything up to the COMMIT ran, the entry (committed with the write, or not at
 * all) says which, so such a write answers as done. If the lookup fails too, the error stands.
 */
export async function inAuditedLegacyTransaction<T>(
  pool: pg.Pool,
  outbox: LegacyAuditOutbox,
  work: (client: pg.PoolClient) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  const ran: { staged?: { id: string; result: T } } = {};
  let result: T;
  try {
    result = await inLegacyTransaction(pool, async (client) => {
      const done = await work(client);
      ran.staged = { id: await outbox.stage(client, done.audit), result: done.result };
      return done.result;
    });
  } catch (error) {
    const staged = ran.staged;
    if (!staged || !(await outbox.isStaged(staged.id).catch(() => false))) throw error;
    result = staged.result;
  }
  if (ran.staged) await outbox.publish([ran.staged.id]).catch(() => undefined);
  return result;
}
