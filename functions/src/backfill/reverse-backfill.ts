import type { DocumentSnapshot, Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { deleteRow, upsertRow } from "../sync/apply/legacy-records.js";
import { domainToRow } from "../sync/apply/record-rows.js";
import { withSyncOrigin } from "../sync/capture/sync-origin.js";
import type { SyncEntity } from "../sync/change-message.js";
import { collections, recordRef } from "../sync/firestore-records.js";
import { emptyLedger, type FlatRow, ledgerFromSnapshot, ledgerRef } from "../sync/ledger/sync-ledger.js";

export interface ReverseOutcome {
  /** Rows written into legacy from the new side. */
  copied: number;
  /** Legacy orders the new side no longer has, deleted. */
  removed: number;
  /** Rows left as legacy has them: a vendor edit the sync has not carried to the new side yet. */
  keptNewerInLegacy: number;
}

/**
 * Brings legacy level with the new side for a customer coming back from `complete` (legacy got no
 * new-side change while it was there). The caller holds the customer's new-side writes. In ONE
 * legacy transaction tagged as the sync's own (not captured, so nothing echoes): the customer's
 * rows are locked against the vendor application, each new-side record is written over its row,
 * unless legacy captured a vendor edit of that row the sync has not applied to the new side yet
 * (its capture is above the ledger's legacyVersion: the sync still carries it the other way);
 * orders legacy has and the new side does not are deleted. Each ledger then starts from equal
 * sides at the record's version, so the skipped new-side changes still in flight are stale.
 */
export async function reverseBackfill(
  db: Firestore,
  pool: pg.Pool,
  customerCode: string,
): Promise<ReverseOutcome> {
  const [customer, orders] = await Promise.all([
    recordRef(db, "customer", customerCode).get(),
    db.collection(collections.order).where("data.customerCode", "==", customerCode).get(),
  ]);
  const records = [
    ...(customer.exists ? [{ entity: "customer" as const, doc: customer }] : []),
    ...orders.docs.map((doc) => ({ entity: "order" as const, doc })),
  ];
  const ledgers = await db.getAll(...records.map((record) => ledgerRef(db, record.entity, record.doc.id)));
  const outcome: ReverseOutcome = { copied: 0, removed: 0, keptNewerInLegacy: 0 };
  const client = await pool.connect();
  try {
    await withSyncOrigin(client, async (tx) => {
      await tx.query("SELECT 1 FROM clients WHERE client_code = $1 FOR UPDATE", [customerCode]);
      await tx.query("SELECT 1 FROM deliveries WHERE client_code = $1 FOR UPDATE", [customerCode]);
      const pendingInLegacy = await newestCaptures(tx, customerCode);
      for (const [index, record] of records.entries()) {
        const ledger = ledgerFromSnapshot(ledgers[index] as DocumentSnapshot, {
          entity: record.entity,
          key: record.doc.id,
          customerCode,
        });
        const capture = pendingInLegacy.get(`${record.entity}:${record.doc.id}`) ?? 0;
        if (capture > ledger.legacyVersion) {
          outcome.keptNewerInLegacy += 1;
          continue;
        }
        await upsertRow(tx, record.entity, domainToRow(record.entity, record.doc.get("data")));
        outcome.copied += 1;
      }
      const kept = new Set(orders.docs.map((doc) => doc.id));
      const legacyOrders = await tx.query("SELECT delivery_no FROM deliveries WHERE client_code = $1", [
        customerCode,
      ]);
      for (const { delivery_no: key } of legacyOrders.rows as { delivery_no: string }[]) {
        if (kept.has(key) || (pendingInLegacy.get(`order:${key}`) ?? 0) > 0) continue;
        await deleteRow(tx as pg.PoolClient, "order", key);
        outcome.removed += 1;
      }
    });
  } finally {
    client.release();
  }
  await writeLevelLedgers(db, records, ledgers, customerCode);
  return outcome;
}

/** `entity:key` → newest capture id of the customer's rows (0 when capture is not installed). */
async function newestCaptures(client: pg.ClientBase, customerCode: string): Promise<Map<string, number>> {
  const result = await client.query(
    `SELECT CASE table_name WHEN 'clients' THEN 'customer' ELSE 'order' END AS entity, pk, max(id)::text AS version
     FROM sync.changes WHERE customer_code = $1 GROUP BY table_name, pk`,
    [customerCode],
  );
  return new Map(
    (result.rows as { entity: SyncEntity; pk: string; version: string }[]).map((row) => [
      `${row.entity}:${row.pk}`,
      Number(row.version),
    ]),
  );
}

async function writeLevelLedgers(
  db: Firestore,
  records: { entity: SyncEntity; doc: DocumentSnapshot }[],
  ledgers: DocumentSnapshot[],
  customerCode: string,
): Promise<void> {
  const writer = db.bulkWriter();
  const failures: unknown[] = [];
  const settled: Promise<unknown>[] = [];
  records.forEach((record, index) => {
    const key = { entity: record.entity, key: record.doc.id, customerCode };
    const ledger = ledgers[index]?.exists
      ? ledgerFromSnapshot(ledgers[index] as DocumentSnapshot, key)
      : emptyLedger(record.entity, record.doc.id, customerCode);
    const base: FlatRow = domainToRow(record.entity, record.doc.get("data"));
    const write = writer.set(ledgerRef(db, record.entity, record.doc.id), {
      ...ledger,
      base,
      newVersion: Math.max(ledger.newVersion, record.doc.get("version") as number),
      lease: null,
    });
    settled.push(write.catch((error: unknown) => failures.push(error)));
  });
  await writer.close();
  await Promise.all(settled);
  if (failures.length > 0)
    throw new Error(`${failures.length} ledger write(s) failed: ${String(failures[0])}`);
}
