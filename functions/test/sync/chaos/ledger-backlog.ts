import type { DocumentSnapshot, Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { assignmentRef } from "../../../src/migration/firestore-stage-assignment-store.js";
import { replicates, stageFromSnapshot } from "../../../src/sync/apply/stage-gate.js";
import type { SyncEntity, SyncSource } from "../../../src/sync/change-message.js";
import { ledgerRef } from "../../../src/sync/ledger/sync-ledger.js";

export interface Newest {
  entity: SyncEntity;
  key: string;
  customerCode: string;
  version: number;
}

const chunk = 300;

/**
 * Changes already published that the other side has not applied yet, read from the ledgers: a
 * record whose newest published change (outbox entry or legacy capture) is above the ledger's
 * version of that side, for a customer whose stage replicates that side. Unlike counting what is
 * unpublished, this sees messages still inside Pub/Sub (in the emulator, or being redelivered).
 */
export async function ledgerBacklog(
  db: Firestore,
  pool: pg.Pool,
  sinceCaptureId: number,
): Promise<Record<SyncSource, number>> {
  const records = await recordsBehind(db, pool, sinceCaptureId);
  return { new: records.new.length, legacy: records.legacy.length };
}

/** The records of `ledgerBacklog`, each with the version its side published last. */
export async function recordsBehind(
  db: Firestore,
  pool: pg.Pool,
  sinceCaptureId: number,
): Promise<Record<SyncSource, Newest[]>> {
  const [fromNew, fromLegacy] = await Promise.all([
    newestOutboxEntries(db),
    newestCaptures(pool, sinceCaptureId),
  ]);
  return { new: await behind(db, fromNew, "new"), legacy: await behind(db, fromLegacy, "legacy") };
}

async function newestOutboxEntries(db: Firestore): Promise<Newest[]> {
  const published = await db
    .collection("syncOutboxPublished")
    .select("entity", "key", "customerCode", "sourceVersion", "publishError")
    .get();
  const newest = new Map<string, Newest>();
  for (const doc of published.docs) {
    if (doc.get("publishError") !== undefined) continue; // rejected: never delivered
    const entry = {
      entity: doc.get("entity"),
      key: doc.get("key"),
      customerCode: doc.get("customerCode"),
      version: doc.get("sourceVersion"),
    } as Newest;
    const id = `${entry.entity}:${entry.key}`;
    if ((newest.get(id)?.version ?? -1) < entry.version) newest.set(id, entry);
  }
  return [...newest.values()];
}

async function newestCaptures(pool: pg.Pool, sinceCaptureId: number): Promise<Newest[]> {
  const result = await pool.query(
    `SELECT CASE table_name WHEN 'clients' THEN 'customer' ELSE 'order' END AS entity, pk, customer_code, max(id)::text AS version
     FROM sync.changes WHERE published_at IS NOT NULL AND publish_error IS NULL AND id > $1
     GROUP BY table_name, pk, customer_code`,
    [sinceCaptureId],
  );
  return (result.rows as { entity: SyncEntity; pk: string; customer_code: string; version: string }[]).map(
    (row) => ({
      entity: row.entity,
      key: row.pk,
      customerCode: row.customer_code,
      version: Number(row.version),
    }),
  );
}

async function behind(db: Firestore, newest: readonly Newest[], side: SyncSource): Promise<Newest[]> {
  const found: Newest[] = [];
  const field = side === "legacy" ? "legacyVersion" : "newVersion";
  for (let start = 0; start < newest.length; start += chunk) {
    const slice = newest.slice(start, start + chunk);
    const docs = await db.getAll(
      ...slice.flatMap((entry) => [
        ledgerRef(db, entry.entity, entry.key),
        assignmentRef(db, entry.customerCode),
      ]),
    );
    slice.forEach((entry, index) => {
      const ledger = docs[index * 2] as DocumentSnapshot;
      const stage = stageFromSnapshot(docs[index * 2 + 1] as DocumentSnapshot);
      const applied = (ledger.get(field) as number | undefined) ?? 0;
      if (replicates(stage, side) && applied < entry.version) found.push(entry);
    });
  }
  return found;
}
