import type { ChangeMessage } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { policyFor } from "../conflicts/conflict-policy.js";
import type { FieldConflict } from "../conflicts/three-way-merge.js";
import type { FlatRow, SyncLedgerEntry } from "../ledger/sync-ledger.js";
import type { CapturedOp, JournaledApply } from "./applied-change-journal.js";

/**
 * The ledger as the edit must see it when the vendor's delete has not reached Firestore yet: the
 * row is gone from legacy and its newest captured change is that delete, but the ledger does not
 * know. Every new-side edit arriving now was made before Firestore learnt of the delete, so it is
 * an edit of a deleted record. (A record the API creates again after the delete reached Firestore
 * finds `deleted` in the ledger, with a version it is above.)
 */
export function withPendingVendorDelete(
  ledger: SyncLedgerEntry,
  latestCapturedOp: CapturedOp | null,
): SyncLedgerEntry {
  if (ledger.deleted || latestCapturedOp !== "D") return ledger;
  return { ...ledger, deleted: { side: "legacy", base: ledger.base, version: Number.POSITIVE_INFINITY } };
}

/**
 * A new-side edit of a record that legacy deleted meanwhile (the vendor deleted it while the edit
 * was in the outbox). Inserting it would bring back a row the vendor deleted — under sync origin,
 * so legacy would never capture it again. Instead the delete wins, as a newer change does: the
 * edit is stale, except that changed money or quantity fields (policy `manual`) are held as open
 * conflicts for a person, with legacy's side recorded as deleted (null). Undefined: not that case.
 */
export function editAfterDelete(
  message: ChangeMessage,
  incoming: FlatRow,
  ledger: SyncLedgerEntry,
  policy: ConflictPolicy,
): JournaledApply | undefined {
  const deleted = ledger.deleted;
  if (deleted?.side !== "legacy" || message.sourceVersion >= deleted.version) return undefined;
  const manual = heldAgainstDelete(message, incoming, deleted.base, policy, "legacy");
  return {
    outcome: "stale",
    merge: { merged: {}, base: {}, manual, superseded: { legacy: {}, new: {} }, changed: false },
    claimedLegacyVersion: ledger.legacyVersion,
  };
}

/**
 * The money and quantity fields an edit changed against a record the other side deleted: held
 * for a person (the deleting side recorded as null); every other field of the edit is dropped.
 */
export function heldAgainstDelete(
  message: ChangeMessage,
  incoming: FlatRow,
  base: FlatRow | null,
  policy: ConflictPolicy,
  deletedOn: "legacy" | "new",
): FieldConflict[] {
  const before = base ?? {};
  return Object.keys(incoming)
    .filter((column) => (incoming[column] ?? null) !== (before[column] ?? null))
    .filter((column) => policyFor(policy, message.entity, column) === "manual")
    .map((column) => {
      const edited = incoming[column] ?? null;
      const sides = deletedOn === "legacy" ? { legacy: null, new: edited } : { legacy: edited, new: null };
      return { column, base: before[column] ?? null, ...sides };
    });
}

/**
 * A legacy edit of a record a person deleted on the new side, made before legacy learnt of the
 * delete: the record is gone from Firestore and either the delete has not reached legacy yet (its
 * tombstone is the API's and the ledger has no later delete) or the edit is older than the point
 * where the delete reached legacy (`deleted.version`, a capture id). Applying it would bring the
 * record back on the new side only.
 */
export function legacyEditOfNewDelete(
  message: ChangeMessage,
  ledger: SyncLedgerEntry,
  tombstoneOrigin: unknown,
): boolean {
  if (ledger.deleted?.side === "new") return message.sourceVersion < ledger.deleted.version;
  return tombstoneOrigin === "api";
}
