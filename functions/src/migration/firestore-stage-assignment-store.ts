import type { App } from "firebase-admin/app";
import {
  type DocumentReference,
  type DocumentSnapshot,
  type Firestore,
  getFirestore,
  Timestamp,
} from "firebase-admin/firestore";
import { z } from "zod";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { addAuditEntry } from "../audit/firestore-audit-log.js";
import { migrationStageSchema } from "../domain/customer.js";
import { auditCollection, migrationAuditDocument } from "./firestore-migration-audit-log.js";
import type { MigrationAuditEntry } from "./migration-audit-log.js";
import { StageAssignmentConflictError } from "./migration-errors.js";
import {
  type StageAssignment,
  type StageAssignmentChange,
  type StageAssignmentStore,
  stageAssignmentSchema,
} from "./stage-assignment-store.js";

export const assignmentsCollection = "migrationAssignments";

const assignmentDocumentSchema = z.strictObject({
  customerCode: z.string(),
  stage: migrationStageSchema,
  held: z.boolean(),
  version: z.int(),
  updatedBy: z.string(),
  updatedAt: z.instanceof(Timestamp),
  reason: z.string(),
});

/** StageAssignmentStore on Firestore: `migrationAssignments/{customerCode}`, version checked in a transaction. */
export class FirestoreStageAssignmentStore implements StageAssignmentStore {
  private readonly db: Firestore;

  constructor(app: App) {
    this.db = getFirestore(app);
  }

  async get(customerCode: string): Promise<StageAssignment | undefined> {
    return assignmentFromSnapshot(await assignmentRef(this.db, customerCode).get());
  }

  save(
    change: StageAssignmentChange,
    expectedVersion: number,
    audit: MigrationAuditEntry,
    entry?: AuditDraft,
  ): Promise<StageAssignment> {
    const ref = assignmentRef(this.db, change.customerCode);
    return this.db.runTransaction(async (tx) => {
      const current = await tx.get(ref);
      const actual = current.exists ? fromDocument(current.data()).version : 0;
      if (actual !== expectedVersion)
        throw new StageAssignmentConflictError(change.customerCode, expectedVersion);
      const saved = stageAssignmentSchema.parse({ ...change, version: actual + 1, updatedAt: new Date() });
      tx.set(ref, { ...saved, updatedAt: Timestamp.fromDate(saved.updatedAt) });
      tx.set(this.db.collection(auditCollection).doc(), migrationAuditDocument(audit));
      const before = current.exists ? { stage: audit.fromStage } : null;
      if (entry)
        addAuditEntry(this.db, tx, completeAudit(entry, before, { stage: saved.stage, held: saved.held }));
      return saved;
    });
  }
}

/** A customer's assignment document, for readers that fetch it inside their own transaction. */
export function assignmentRef(db: Firestore, customerCode: string): DocumentReference {
  return db.collection(assignmentsCollection).doc(customerCode);
}

export function assignmentFromSnapshot(snapshot: DocumentSnapshot): StageAssignment | undefined {
  return snapshot.exists ? fromDocument(snapshot.data()) : undefined;
}

function fromDocument(data: unknown): StageAssignment {
  const raw = assignmentDocumentSchema.parse(data);
  return stageAssignmentSchema.parse({ ...raw, updatedAt: raw.updatedAt.toDate() });
}
