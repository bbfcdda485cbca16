import { randomUUID } from "node:crypto";
import {
  type DocumentSnapshot,
  FieldValue,
  type Firestore,
  type Transaction,
} from "firebase-admin/firestore";
import type { SyncEntity } from "./change-message.js";
import { nextFieldEditedAt } from "./field-edit-times.js";

/**
 * Firestore layout of the new system's records, shared by the API (writes on behalf of
 * users) and the sync (writes on behalf of legacy). A record document wraps the domain
 * object so sync bookkeeping never leaks into the domain schema:
 *   customers/{code}  and  orders/{deliveryNo}  =
 *     { data, version, origin, updatedBy, updatedAt, editedAt, fieldEditedAt }
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
  /** `{entity}:{key}` → the version a deleted record had: a re-created one continues above it. */
  tombstones: "recordTombstones",
} as const;

export type WriteOrigin = "api" | "sync";

export interface RecordDocument<T> {
  data: T;
  version: number;
  origin: WriteOrigin;
  updatedBy: string;
  updatedAt: FirebaseFirestore.Timestamp;
  /** When a person last edited it through the API (absent: only ever written by the sync). */
  editedAt?: FirebaseFirestore.Timestamp;
  /** When a person last edited each field, by legacy column ("*": created); see field-edit-times.ts. */
  fieldEditedAt?: Record<string, FirebaseFirestore.Timestamp>;
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

export function tombstoneRef(db: Firestore, entity: SyncEntity, key: string) {
  return db.collection(collections.tombstones).doc(`${entity}:${key}`);
}

/**
 * The version a write builds on: the record's, or for a missing record the version it had when
 * it was deleted. Versions must never restart: the sync ledger drops a change whose version is
 * not above the last one it applied from that side, so a re-created record counting from 1 again
 * would have its first edits dropped as stale on their way to legacy.
 */
export function previousVersionOf(record: DocumentSnapshot, tombstone: DocumentSnapshot): number {
  if (record.exists) return record.get("version") as number;
  return tombstone.exists ? (tombstone.get("version") as number) : 0;
}

/** Reads a record and its tombstone in the caller's transaction (one round trip). */
export async function readRecordInTransaction(
  db: Firestore,
  tx: Transaction,
  entity: SyncEntity,
  key: string,
): Promise<{ record: DocumentSnapshot; previousVersion: number }> {
  const [record, tombstone] = (await tx.getAll(
    recordRef(db, entity, key),
    tombstoneRef(db, entity, key),
  )) as [DocumentSnapshot, DocumentSnapshot];
  return { record, previousVersion: previousVersionOf(record, tombstone) };
}

export interface RecordWrite {
  entity: SyncEntity;
  key: string;
  customerCode: string;
  /** The domain record, already validated; null deletes. */
  data: Record<string, unknown> | null;
  /** The version read in this transaction (0 when the record did not exist). */
  previousVersion: number;
  /** The record as read in this transaction; null when nothing was read (a create under a fresh number). */
  previous: DocumentSnapshot | null;
  origin: WriteOrigin;
  updatedBy: string;
}

/**
 * Writes a record inside the caller's transaction and, for API writes, its outbox entry; a
 * delete leaves a tombstone with the version. Returns the new version.
 */
export function writeRecordInTransaction(db: Firestore, tx: Transaction, write: RecordWrite): number {
  const version = write.previousVersion + 1;
  const ref = recordRef(db, write.entity, write.key);
  if (write.data === null) {
    tx.delete(ref);
    // `origin` says who deleted it: a person (api) or the sync carrying legacy's delete across.
    tx.set(tombstoneRef(db, write.entity, write.key), {
      version,
      origin: write.origin,
      deletedAt: FieldValue.serverTimestamp(),
    });
  } else {
    const now = FieldValue.serverTimestamp();
    const document = {
      data: write.data,
      version,
      origin: write.origin,
      updatedBy: write.updatedBy,
      updatedAt: now,
    };
    // `editedAt` and `fieldEditedAt` are when a person last edited the record and each field here;
    // a sync write keeps them (mergeFields replaces the listed fields whole and leaves the rest), so
    // newest-wins compares people's times (field-edit-times.ts).
    if (write.origin === "api")
      tx.set(ref, {
        ...document,
        editedAt: now,
        fieldEditedAt: nextFieldEditedAt(write.entity, write.previous, write.data),
      });
    else tx.set(ref, document, { mergeFields: Object.keys(document) });
  }
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
