import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { collections } from "../../../src/sync/firestore-records.js";
import type { LoggedWrite } from "./chaos-workload.js";

export interface MessageCounts {
  /** Captured changes or outbox entries no write of the run made: the sync wrote back its own write. */
  echoes: number;
  echoExamples: string[];
  /** Writes whose change never reached the change log: they would never replicate. */
  uncaptured: string[];
  capturedLegacyChanges: number;
  outboxEntries: number;
  /**
   * Outbox entries of an API transaction that committed, lost its answer to a Firestore restart
   * and ran again (the client retries): the same edit once more, one version lower. Not echoes.
   */
  retriedCommits: number;
}

/**
 * Counts per message, not as net totals: each captured legacy change must come from a logged
 * vendor transaction (by txid) or the seed, each outbox entry from a logged API write (by record
 * version); and each logged write must have produced its change.
 */
export async function countMessages(
  db: Firestore,
  pool: pg.Pool,
  log: readonly LoggedWrite[],
  seedMaxChangeId: number,
): Promise<MessageCounts> {
  const captured = await pool.query<{ txid: string; n: number }>(
    "SELECT txid::text AS txid, count(*)::int AS n FROM sync.changes WHERE id > $1 GROUP BY txid",
    [seedMaxChangeId],
  );
  const capturedByTx = new Map(captured.rows.map((r) => [r.txid, r.n]));
  const expectedByTx = new Map<string, number>();
  for (const w of log)
    if (w.side === "legacy" && w.txid) expectedByTx.set(w.txid, (expectedByTx.get(w.txid) ?? 0) + 1);
  const counts: MessageCounts = {
    echoes: 0,
    echoExamples: [],
    uncaptured: [],
    capturedLegacyChanges: captured.rows.reduce((sum, r) => sum + r.n, 0),
    outboxEntries: 0,
    retriedCommits: 0,
  };
  for (const [txid, n] of capturedByTx) {
    const expected = expectedByTx.get(txid) ?? 0;
    if (n > expected) {
      counts.echoes += n - expected;
      counts.echoExamples.push(`legacy txid ${txid}: ${n} captured, ${expected} written`);
    }
  }
  for (const [txid, expected] of expectedByTx)
    if ((capturedByTx.get(txid) ?? 0) < expected) counts.uncaptured.push(`legacy txid ${txid}`);
  await countOutbox(db, log, counts);
  return counts;
}

async function countOutbox(db: Firestore, log: readonly LoggedWrite[], counts: MessageCounts): Promise<void> {
  const written = new Map<string, LoggedWrite>();
  for (const w of log)
    if (w.side === "new" && w.version !== undefined) written.set(`${w.entity}:${w.key}:${w.version}`, w);
  const seen = new Set<string>();
  // An API order create whose commit answer a Firestore restart cut runs again under the next
  // number (chaos-checks.ts `orderNumberProblems` says the same): its first order is that create.
  const createdRemarks = new Set(
    log
      .filter((w) => w.side === "new" && w.kind === "create" && w.entity === "order")
      .map((w) => w.fields.remark),
  );
  const isRetriedCreate = (doc: FirebaseFirestore.QueryDocumentSnapshot) =>
    doc.get("entity") === "order" &&
    Number(doc.get("sourceVersion")) === 1 &&
    createdRemarks.has(doc.get("data.remark"));
  for (const name of [collections.outbox, collections.outboxPublished]) {
    const snapshot = await db.collection(name).get();
    for (const doc of snapshot.docs) {
      counts.outboxEntries += 1;
      const entryId = `${doc.get("entity")}:${doc.get("key")}:${doc.get("sourceVersion")}`;
      seen.add(entryId);
      if (written.has(entryId)) continue;
      const next = `${doc.get("entity")}:${doc.get("key")}:${Number(doc.get("sourceVersion")) + 1}`;
      if (written.has(next) || isRetriedCreate(doc)) counts.retriedCommits += 1;
      else {
        counts.echoes += 1;
        counts.echoExamples.push(`outbox ${entryId} (${doc.get("op")})`);
      }
    }
  }
  for (const [entryId] of written) if (!seen.has(entryId)) counts.uncaptured.push(`outbox ${entryId}`);
}
