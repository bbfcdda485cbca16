import { randomUUID } from "node:crypto";
import { FieldValue, type Firestore, type Transaction } from "firebase-admin/firestore";
import type { SyncEntity } from "./change-message.js";

/**
 * Firestore layout of the new system's records, shared by the API (writes on behalf of
 * users) and the sync (writes on behalf of legacy). A record document wraps the domain
 * object so sync bookkeeping never leaks into the domain schema:
 *   customers/{code}  and  orders/{deliveryNo}  =  { data, version, origin, updatedBy, updatedAt }
 * `version` increments on every write: it is the record's ETag and its sync source version.
 * Every write by the API appends an outbox entry in the SAME transaction (transactional outbox);
 * writes by the sync are tagged origin "sync" and append nothing, so nothing echoes back.
 */
export const collections = {
  customer: "customers",
  order: "orders",
  /** Pending changes only: the relay's query stays as small as the backlog. */
  outbox: "syncOutbox",
  /** Relayed (or rejected) entries, moved here by the relay and kept until `expireAt` (TTL). */
  outboxPublished: "syncOutboxPublished",
} as const;

export type WriteOrigin = "api" | "sync";

export interface RecordDocument<T> {
  data: T;
  version: number;
  origin: WriteOrigin;
  updatedBy: string;
  updatedAt: FirebaseFirestore.Timestamp;
}

export interface OutboxEntry {
  changeId: string;
  entity: SyncEntity;
  key: string;
  customerCode: string;
  op: "upsert" | "delete";
  sourceVersion: number;
  data: Record<string, unknown> | null;
  committedAt: FirebaseFirestore.FieldValue;
}

export function recordRef(db: Firestore, entity: SyncEntity, key: string) {
  return db.collection(collections[entity]).doc(key);
}

export interface RecordWrite {
  entity: SyncEntity;
  key: string;
  customerCode: string;
  /** The domain record, already validated; null deletes. */
  data: Record<string, unknown> | null;
  /** The version read in this transaction (0 when the record did not exist). */
  previousVersion: number;
  origin: WriteOrigin;
  updatedBy: string;
}

/**
 * Writes a record inside the caller's transaction and, for API writes, its outbox entry.
 * Returns the new version.
 */
export function writeRecordInTransaction(db: Firestore, tx: Transaction, write: RecordWrite): number {
  const version = write.previousVersion + 1;
  const ref = recordRef(db, write.entity, write.key);
  if (write.data === null) tx.delete(ref);
  else
    tx.set(ref, {
      data: write.data,
      version,
      origin: write.origin,
      updatedBy: write.updatedBy,
      updatedAt: FieldValue.serverTimestamp(),
    });
  if (write.origin === "api") {
    const entry: OutboxEntry = {
      changeId: randomUUID(),
      entity: write.entity,
      key: write.key,
      customerCode: write.customerCode,
      op: write.data === null ? "delete" : "upsert",
      sourceVersion: version,
      data: write.data,
      committedAt: FieldValue.serverTimestamp(),
    };
    tx.create(db.collection(collections.outbox).doc(entry.changeId), entry);
  }
  return version;
}
