import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { taipeiNow } from "../../../src/customers/customer-edits.js";
import type { Customer } from "../../../src/domain/customer.js";
import type { LegacyClientRow } from "../../../src/legacy/legacy-rows.js";
import { clientRowToCustomer, customerToClientRow } from "../../../src/legacy/mapping/client-mapping.js";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { upsertRow } from "../../../src/sync/apply/legacy-records.js";
import type { SyncEntity } from "../../../src/sync/change-message.js";
import { readRecordInTransaction, writeRecordInTransaction } from "../../../src/sync/firestore-records.js";
import type { FlatRow } from "../../../src/sync/ledger/sync-ledger.js";
import { isoToRocDateTime } from "../../../src/taiwan/roc-date.js";
import type { RunningFunction } from "../../support/function-harness.js";
import { change, pushChange } from "./apply-support.js";

let legacyVersion = 1_000;

/** A vendor write in legacy (captured by the trigger) and the message the relay would publish for it. */
export async function legacyEdit(
  pool: pg.Pool,
  toNew: RunningFunction,
  projectId: string,
  row: LegacyClientRow,
): Promise<number> {
  await vendorWrite(pool, "customer", row);
  legacyVersion += 1;
  const message = change({
    source: "legacy",
    entity: "customer",
    key: row.client_code,
    customerCode: row.client_code,
    sourceVersion: legacyVersion,
    data: row,
  });
  return pushChange(toNew, projectId, message);
}

/** An API write in Firestore (record + outbox entry in one transaction; null deletes); returns its message. */
export async function apiEditRecord(
  db: Firestore,
  target: { entity: SyncEntity; key: string; customerCode: string },
  data: Record<string, unknown> | null,
) {
  const version = await db.runTransaction(async (tx) => {
    const { record, previousVersion } = await readRecordInTransaction(db, tx, target.entity, target.key);
    return writeRecordInTransaction(db, tx, {
      ...target,
      data,
      previousVersion,
      previous: record,
      origin: "api",
      updatedBy: "test-user",
    });
  });
  const op = data === null ? ("delete" as const) : ("upsert" as const);
  return change({ source: "new", ...target, sourceVersion: version, op, data });
}

/** A customer edited through the API; returns its message. */
export function apiEdit(db: Firestore, customer: Customer) {
  const target = { entity: "customer" as const, key: customer.code, customerCode: customer.code };
  return apiEditRecord(db, target, JSON.parse(JSON.stringify(customer)));
}

/** The message of a new-side edit of a customer's remark, as the outbox relay publishes it. */
export function remarkFromNew(code: string, version: number, remark: string) {
  return change({
    source: "new",
    entity: "customer",
    key: code,
    customerCode: code,
    sourceVersion: version,
    data: JSON.parse(JSON.stringify(customerWith(code, { remark }))),
  });
}

/** A row written as the vendor application writes it (captured; not tagged as the sync's). */
export async function vendorWrite(pool: pg.Pool, entity: SyncEntity, row: FlatRow): Promise<void> {
  const client = await pool.connect();
  try {
    await upsertRow(client, entity, row);
  } finally {
    client.release();
  }
}

/** The upd_date/upd_time the vendor application stamps on every edit (ROC date, Taipei time, seconds). */
export function vendorStamp(): { upd_date: string; upd_time: string } {
  const stamp = isoToRocDateTime(taipeiNow(new Date()));
  if (!stamp.ok) throw stamp.error;
  return { upd_date: stamp.value.date, upd_time: stamp.value.time };
}

export function customerWith(code: string, overrides: Partial<LegacyClientRow>): Customer {
  return clientRowToCustomer(sampleClientRow({ client_code: code, ...overrides })).customer;
}

export async function legacyRowOf(pool: pg.Pool, code: string): Promise<LegacyClientRow | undefined> {
  return (await pool.query("SELECT * FROM clients WHERE client_code = $1", [code])).rows[0];
}

export async function newRowOf(db: Firestore, code: string): Promise<LegacyClientRow | undefined> {
  const doc = await db.collection("customers").doc(code).get();
  return doc.exists ? customerToClientRow(doc.get("data")) : undefined;
}
