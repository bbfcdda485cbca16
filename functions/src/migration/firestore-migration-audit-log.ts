import type { App } from "firebase-admin/app";
import { type Firestore, getFirestore, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import {
  type MigrationAuditEntry,
  type MigrationAuditLog,
  migrationAuditEntrySchema,
} from "./migration-audit-log.js";

export const auditCollection = "audit";

/** Marks this feature's entries in the shared `audit` collection. */
const auditKind = "migration-stage";

const auditDocumentSchema = migrationAuditEntrySchema.extend({
  kind: z.literal(auditKind),
  at: z.instanceof(Timestamp),
});

/** The stored form of an entry; the stage store adds it to the assignment's own transaction. */
export function migrationAuditDocument(entry: MigrationAuditEntry): Record<string, unknown> {
  const valid = migrationAuditEntrySchema.parse(entry);
  return { ...valid, kind: auditKind, at: Timestamp.fromDate(valid.at) };
}

/** MigrationAuditLog on Firestore: one document per entry in the shared `audit` collection. */
export class FirestoreMigrationAuditLog implements MigrationAuditLog {
  private readonly db: Firestore;

  constructor(app: App) {
    this.db = getFirestore(app);
  }

  async append(entry: MigrationAuditEntry): Promise<void> {
    await this.db.collection(auditCollection).add(migrationAuditDocument(entry));
  }

  async listFor(customerCode: string): Promise<MigrationAuditEntry[]> {
    // Filter only on equality and sort here, so no composite index has to be deployed for this.
    const query = await this.db
      .collection(auditCollection)
      .where("kind", "==", auditKind)
      .where("customerCode", "==", customerCode)
      .get();
    return query.docs
      .map((doc) => {
        const { kind: _kind, at, ...rest } = auditDocumentSchema.parse(doc.data());
        return { ...rest, at: at.toDate() };
      })
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
