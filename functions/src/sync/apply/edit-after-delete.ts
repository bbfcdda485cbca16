import type { ChangeMessage } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { policyFor } from "../conflicts/conflict-policy.js";
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
  const base = deleted.base ?? {};
  const manual = Object.keys(incoming)
    .filter((column) => (incoming[column] ?? null) !== (base[column] ?? null))
    .filter((column) => policyFor(policy, message.entity, column) === "manual")
    .map((column) => ({ column, base: base[column] ?? null, legacy: null, new: incoming[column] ?? null }));
  return {
    outcome: "stale",
    merge: { merged: {}, base: {}, manual, superseded: { legacy: {}, new: {} }, changed: false },
    claimedLegacyVersion: ledger.legacyVersion,
  };
}
