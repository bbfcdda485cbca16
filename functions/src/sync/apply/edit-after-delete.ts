import type { ChangeMessage } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { policyFor } from "../conflicts/conflict-policy.js";
import type { FlatRow, SyncLedgerEntry } from "../ledger/sync-ledger.js";
import type { JournaledApply } from "./applied-change-journal.js";

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
