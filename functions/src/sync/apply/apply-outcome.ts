import type { SyncEntity, SyncSource } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { policyFor } from "../conflicts/conflict-policy.js";
import { type MergeResult, threeWayMerge } from "../conflicts/three-way-merge.js";
import type { FlatRow, Superseded, SyncLedgerEntry } from "../ledger/sync-ledger.js";
import { columnsOf } from "./record-rows.js";

export type ApplyOutcome = "applied" | "unchanged" | "duplicate" | "stale" | "skipped-stage" | "deleted";

export interface MergeRequest {
  entity: SyncEntity;
  incomingSide: SyncSource;
  incomingVersion: number;
  incoming: FlatRow;
  current: FlatRow | null;
  ledger: SyncLedgerEntry;
  newestSideOf(column: string): SyncSource;
  policy: ConflictPolicy;
}

/** Merges an incoming row into the receiving side's row; a missing receiving row takes the incoming row. */
export function mergeForApply(request: MergeRequest): MergeResult {
  if (request.current === null) {
    return {
      merged: request.incoming,
      base: request.incoming,
      manual: [],
      superseded: { legacy: {}, new: {} },
      changed: true,
    };
  }
  return threeWayMerge({
    columns: columnsOf[request.entity],
    base: request.ledger.base,
    incoming: request.incoming,
    current: request.current,
    incomingSide: request.incomingSide,
    newestSideOf: request.newestSideOf,
    policyFor: (column) => policyFor(request.policy, request.entity, column),
    supersededIncoming: request.ledger.superseded[request.incomingSide],
    incomingVersion: request.incomingVersion,
  });
}

/**
 * The "overwritten by the sync" marks after a merge: the incoming side's spent ones (messages
 * arrive in order, so once one at or above the bound arrived, none below will) are dropped, the
 * merge's new ones added.
 */
export function nextSuperseded(
  ledger: SyncLedgerEntry,
  incomingSide: SyncSource,
  incomingVersion: number,
  merge: MergeResult,
): Record<SyncSource, Record<string, Superseded>> {
  const live = Object.fromEntries(
    Object.entries(ledger.superseded[incomingSide]).filter(
      ([, mark]) => mark.belowVersion === null || incomingVersion < mark.belowVersion,
    ),
  );
  const other: SyncSource = incomingSide === "legacy" ? "new" : "legacy";
  return {
    [incomingSide]: { ...live, ...merge.superseded[incomingSide] },
    [other]: { ...ledger.superseded[other], ...merge.superseded[other] },
  } as Record<SyncSource, Record<string, Superseded>>;
}
