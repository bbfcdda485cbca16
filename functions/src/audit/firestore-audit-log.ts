import { randomUUID } from "node:crypto";
import { type Firestore, Timestamp, type Transaction } from "firebase-admin/firestore";
import {
  type AuditEntry,
  type AuditLog,
  type AuditPage,
  type AuditQuery,
  auditEntrySchema,
} from "./audit-log.js";

/** Shared with the migration stage log, told apart by `kind`. */
export const auditCollection = "audit";
const auditKind = "api-write";

/**
 * The stored form of an entry. `actor` (uid) is a top-level field so the actor filter has an index;
 * the JSON round trip drops optional keys set to undefined, which Firestore refuses.
 */
export function auditDocument(entry: AuditEntry): Record<string, unknown> {
  const valid = auditEntrySchema.parse(entry);
  const plain = JSON.parse(JSON.stringify({ ...valid, when: undefined })) as Record<string, unknown>;
  return { ...plain, kind: auditKind, actor: valid.who.uid, when: Timestamp.fromDate(valid.when) };
}

/** Adds the entry to a write's own transaction: the write and its audit commit together or not at all. */
export function addAuditEntry(db: Firestore, tx: Transaction, entry: AuditEntry, id: string = randomUUID()) {
  tx.set(db.collection(auditCollection).doc(id), auditDocument(entry));
}

function entryOf(data: FirebaseFirestore.DocumentData): AuditEntry {
  const { kind: _kind, actor: _actor, when, ...rest } = data;
  return auditEntrySchema.parse({ ...rest, when: (when as Timestamp).toDate() });
}

/**
 * AuditLog on Firestore. Listing is one indexed query: equality filters (kind and any of entity,
 * key, actor) plus a range on `when`, newest first, keyset-paged on (when, document id); the
 * composite indexes are in infra/firestore/firestore.indexes.json. It never scans the collection.
 */
export class FirestoreAuditLog implements AuditLog {
  constructor(private readonly db: Firestore) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.collection(auditCollection).doc(randomUUID()).set(auditDocument(entry));
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    let ref = this.db.collection(auditCollection).where("kind", "==", auditKind);
    if (query.entity) ref = ref.where("entity", "==", query.entity);
    if (query.key) ref = ref.where("key", "==", query.key);
    if (query.actor) ref = ref.where("actor", "==", query.actor);
    if (query.from) ref = ref.where("when", ">=", Timestamp.fromDate(query.from));
    if (query.to) ref = ref.where("when", "<", Timestamp.fromDate(query.to));
    ref = ref.orderBy("when", "desc").orderBy("__name__", "desc");
    if (query.after) ref = ref.startAfter(Timestamp.fromDate(query.after.when), query.after.id);
    const snapshot = await ref.limit(query.pageSize).get();
    const items = snapshot.docs.map((doc) => ({ id: doc.id, entry: entryOf(doc.data()) }));
    const last = items.at(-1);
    return {
      items: items.map((item) => item.entry),
      last: items.length === query.pageSize && last ? { when: last.entry.when, id: last.id } : undefined,
    };
  }
}
