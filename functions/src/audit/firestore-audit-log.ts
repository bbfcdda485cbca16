import { type Firestore, Timestamp } from "firebase-admin/firestore";
import { type AuditEntry, type AuditLog, type AuditQuery, auditEntrySchema } from "./audit-log.js";

/** Shared with the migration stage log, told apart by `kind`. */
export const auditCollection = "audit";
const auditKind = "api-write";

/** AuditLog on Firestore: one document per write in the shared `audit` collection. */
export class FirestoreAuditLog implements AuditLog {
  constructor(private readonly db: Firestore) {}

  async record(entry: AuditEntry): Promise<void> {
    const valid = auditEntrySchema.parse(entry);
    // JSON round trip: records may hold optional keys set to undefined, which Firestore refuses.
    const plain = JSON.parse(JSON.stringify({ ...valid, when: undefined })) as Record<string, unknown>;
    await this.db
      .collection(auditCollection)
      .add({ ...plain, kind: auditKind, when: Timestamp.fromDate(valid.when) });
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    // Equality filters only, sorted here: no composite index to deploy.
    let ref = this.db.collection(auditCollection).where("kind", "==", auditKind);
    if (query.entity) ref = ref.where("entity", "==", query.entity);
    if (query.key) ref = ref.where("key", "==", query.key);
    const snapshot = await ref.get();
    return snapshot.docs
      .map((doc) => {
        const { kind: _kind, when, ...rest } = doc.data();
        return auditEntrySchema.parse({ ...rest, when: (when as Timestamp).toDate() });
      })
      .sort((a, b) => b.when.getTime() - a.when.getTime())
      .slice(0, query.limit);
  }
}
