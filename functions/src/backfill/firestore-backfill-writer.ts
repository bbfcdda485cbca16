import { type BulkWriter, type DocumentSnapshot, FieldValue, type Firestore } from "firebase-admin/firestore";
import { collections, previousVersionOf, recordRef, tombstoneRef } from "../sync/firestore-records.js";
import { ledgerRef } from "../sync/ledger/sync-ledger.js";
import { backfillDocuments } from "./backfill-documents.js";
import type { BackfillSnapshot, SnapshotRow } from "./legacy-backfill-snapshot.js";

/** Keys per `getAll`: a record and its tombstone each, well under a request's size limit. */
const readChunk = 200;
/** Firestore's `in` takes at most 30 values. */
const inLimit = 30;

export interface ChunkWritten {
  /** Record and ledger documents written. */
  documents: number;
  /** New-side orders of these customers that legacy no longer has: deleted with a tombstone. */
  removed: number;
  /** Rows the import's mapping rejects: not copied, so the customer's verification will say so. */
  rejected: { entity: string; key: string; reason: string }[];
}

/**
 * Writes one snapshot chunk with a BulkWriter: per row the record and its ledger, and a delete for
 * every order of these customers Firestore holds but legacy does not (left from an earlier stay).
 * Every document is keyed by the record's key, so a chunk written twice (a run killed and started
 * again) still leaves each record exactly once.
 */
export async function writeBackfillChunk(
  db: Firestore,
  writer: BulkWriter,
  snapshot: BackfillSnapshot,
  runId: string,
): Promise<ChunkWritten> {
  const previous = await readPrevious(db, snapshot.rows);
  const written: ChunkWritten = { documents: 0, removed: 0, rejected: [] };
  // A BulkWriter write rejects after its own retries; catch at once so none is left unhandled.
  const failures: unknown[] = [];
  const settled: Promise<unknown>[] = [];
  const track = (write: Promise<unknown>) => {
    settled.push(write.catch((error: unknown) => failures.push(error)));
  };
  for (const row of snapshot.rows) {
    try {
      const documents = backfillDocuments(row, previous.get(`${row.entity}:${row.key}`) ?? none, runId);
      track(writer.set(recordRef(db, row.entity, row.key), documents.record));
      track(writer.set(ledgerRef(db, row.entity, row.key), documents.ledger));
      written.documents += 2;
    } catch (error) {
      written.rejected.push({ entity: row.entity, key: row.key, reason: String(error).slice(0, 200) });
    }
  }
  for (const extra of await ordersNotInLegacy(db, snapshot)) {
    track(writer.delete(extra.ref));
    track(writer.set(tombstoneRef(db, "order", extra.id), tombstoneOf(extra)));
    written.removed += 1;
  }
  await writer.flush();
  await Promise.all(settled);
  if (failures.length > 0)
    throw new Error(`${failures.length} backfill write(s) failed: ${String(failures[0])}`);
  return written;
}

const none = { version: 0, data: undefined };

async function readPrevious(db: Firestore, rows: readonly SnapshotRow[]) {
  const previous = new Map<string, { version: number; data: unknown }>();
  for (let start = 0; start < rows.length; start += readChunk) {
    const slice = rows.slice(start, start + readChunk);
    const refs = slice.flatMap((row) => [
      recordRef(db, row.entity, row.key),
      tombstoneRef(db, row.entity, row.key),
    ]);
    const snapshots = await db.getAll(...refs);
    slice.forEach((row, index) => {
      const record = snapshots[index * 2] as DocumentSnapshot;
      const tombstone = snapshots[index * 2 + 1] as DocumentSnapshot;
      previous.set(`${row.entity}:${row.key}`, {
        version: previousVersionOf(record, tombstone),
        data: record.exists ? record.get("data") : undefined,
      });
    });
  }
  return previous;
}

async function ordersNotInLegacy(db: Firestore, snapshot: BackfillSnapshot): Promise<DocumentSnapshot[]> {
  const inLegacy = new Set(snapshot.rows.filter((row) => row.entity === "order").map((row) => row.key));
  const codes = [...new Set(snapshot.rows.filter((row) => row.entity === "customer").map((row) => row.key))];
  const extras: DocumentSnapshot[] = [];
  for (let start = 0; start < codes.length; start += inLimit) {
    const found = await db
      .collection(collections.order)
      .where("data.customerCode", "in", codes.slice(start, start + inLimit))
      .select("version")
      .get();
    extras.push(...found.docs.filter((doc) => !inLegacy.has(doc.id)));
  }
  return extras;
}

function tombstoneOf(order: DocumentSnapshot) {
  return {
    version: ((order.get("version") as number | undefined) ?? 0) + 1,
    origin: "sync",
    deletedAt: FieldValue.serverTimestamp(),
  };
}
