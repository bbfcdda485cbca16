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
  /** Milliseconds spent reading what Firestore holds (versions, left-over orders) and writing. */
  readMs: number;
  writeMs: number;
}

/** A snapshot chunk with what Firestore holds for it, read ahead while the chunk before is written. */
export interface PreparedChunk {
  snapshot: BackfillSnapshot;
  previous: Map<string, { version: number; data: unknown }>;
  /** Orders of these customers in Firestore that legacy no longer has. */
  extras: DocumentSnapshot[];
  readMs: number;
}

/**
 * Reads the version (record or tombstone) of every row's key, and the left-over orders of the
 * customers Firestore knew before (a customer never copied has none: only the sync and the API
 * write orders, and neither does for a customer that was never in Firestore).
 */
export async function prepareBackfillChunk(
  db: Firestore,
  snapshot: BackfillSnapshot,
): Promise<PreparedChunk> {
  const started = performance.now();
  const previous = await readPrevious(db, snapshot.rows);
  const known = snapshot.rows
    .filter((row) => row.entity === "customer" && (previous.get(`customer:${row.key}`)?.version ?? 0) > 0)
    .map((row) => row.key);
  const extras = await ordersNotInLegacy(db, snapshot, known);
  return { snapshot, previous, extras, readMs: performance.now() - started };
}

/**
 * Writes one prepared chunk with a BulkWriter: per row the record and its ledger, and a delete for
 * every left-over order. Every document is keyed by the record's key, so a chunk written twice (a
 * run killed and started again) still leaves each record exactly once.
 */
export async function writeBackfillChunk(
  db: Firestore,
  writer: BulkWriter,
  prepared: PreparedChunk,
  runId: string,
): Promise<ChunkWritten> {
  const { snapshot, previous, extras } = prepared;
  const read = performance.now();
  const written: ChunkWritten = {
    documents: 0,
    removed: 0,
    rejected: [],
    readMs: prepared.readMs,
    writeMs: 0,
  };
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
  for (const extra of extras) {
    track(writer.delete(extra.ref));
    track(writer.set(tombstoneRef(db, "order", extra.id), tombstoneOf(extra)));
    written.removed += 1;
  }
  await writer.flush();
  await Promise.all(settled);
  written.writeMs = performance.now() - read;
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

async function ordersNotInLegacy(
  db: Firestore,
  snapshot: BackfillSnapshot,
  codes: readonly string[],
): Promise<DocumentSnapshot[]> {
  const inLegacy = new Set(snapshot.rows.filter((row) => row.entity === "order").map((row) => row.key));
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
