import type { Firestore, Transaction } from "firebase-admin/firestore";
import type { SyncEntity } from "../change-message.js";
import { type ConflictRecord, conflictId, conflictsCollection } from "./conflict-record.js";
import type { FieldConflict } from "./three-way-merge.js";

/** Writes (or refreshes) the open conflict records of one apply inside its transaction. */
export function writeConflictsInTransaction(
  db: Firestore,
  tx: Transaction,
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
    tx.set(db.collection(conflictsCollection).doc(id), record);
  }
}
