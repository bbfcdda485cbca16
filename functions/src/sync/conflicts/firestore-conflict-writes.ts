import type { Firestore } from "firebase-admin/firestore";
import type { SyncEntity } from "../change-message.js";
import type { DocumentSetter } from "../status/apply-lag.js";
import { type ConflictRecord, conflictId, conflictsCollection } from "./conflict-record.js";
import type { FieldConflict } from "./three-way-merge.js";

/** Writes (or refreshes) the open conflict records of one apply in its transaction or batch. */
export function writeConflicts(
  db: Firestore,
  writer: DocumentSetter,
  target: { entity: SyncEntity; key: string; customerCode: string },
  conflicts: readonly FieldConflict[],
  now: Date,
): void {
  for (const conflict of conflicts) {
    const id = conflictId(target.entity, target.key, conflict.column);
    const record: ConflictRecord = {
      id,
      ...target,
      fields: [conflict.column],
      base: { [conflict.column]: conflict.base },
      legacy: { [conflict.column]: conflict.legacy },
      new: { [conflict.column]: conflict.new },
      status: "open",
      createdAt: now.toISOString(),
      resolvedAt: null,
      resolvedBy: null,
    };
    writer.set(db.collection(conflictsCollection).doc(id), record);
  }
}
