import { FieldValue } from "firebase-admin/firestore";
import { domainToRow, firestoreSafe, rowToDomain } from "../sync/apply/record-rows.js";
import { emptyLedger, type SyncLedgerEntry } from "../sync/ledger/sync-ledger.js";
import type { SnapshotRow } from "./legacy-backfill-snapshot.js";

/** What the backfill writes for one vendor row: the record and its sync ledger. */
export interface BackfillDocuments {
  record: {
    data: Record<string, unknown>;
    version: number;
    origin: "sync";
    updatedBy: string;
    updatedAt: FieldValue;
  };
  ledger: SyncLedgerEntry;
}

/**
 * The record as the sync would store the vendor row, one version above whatever the key held
 * (record or tombstone: versions never restart), and a ledger that starts from equal sides: its
 * base is the row as both sides now hold it, and each side's version is where the copy stands, so
 * an older change still in flight is stale and every newer one applies. Written with origin
 * `sync`, it appends nothing to the outbox: the copy never echoes back to legacy.
 * Throws when the import's mapping rejects the row (the caller counts it).
 */
export function backfillDocuments(
  row: SnapshotRow,
  previous: { version: number; data: unknown },
  runId: string,
): BackfillDocuments {
  const data = firestoreSafe(rowToDomain(row.entity, row.row, previous.data)) as unknown as Record<
    string,
    unknown
  >;
  const version = previous.version + 1;
  return {
    record: {
      data,
      version,
      origin: "sync",
      updatedBy: `backfill:${runId}`,
      updatedAt: FieldValue.serverTimestamp(),
    },
    ledger: {
      ...emptyLedger(row.entity, row.key, row.customerCode),
      legacyVersion: row.legacyVersion,
      newVersion: version,
      base: domainToRow(row.entity, data),
    },
  };
}
