import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { Customer } from "../../../src/domain/customer.js";
import type { LegacyClientRow } from "../../../src/legacy/legacy-rows.js";
import { clientRowToCustomer, customerToClientRow } from "../../../src/legacy/mapping/client-mapping.js";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { upsertRow } from "../../../src/sync/apply/legacy-records.js";
import { readRecordInTransaction, writeRecordInTransaction } from "../../../src/sync/firestore-records.js";
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
  const client = await pool.connect();
  try {
    await upsertRow(client, "customer", row);
  } finally {
    client.release();
  }
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

/** An API write in Firestore (record + outbox entry in one transaction); returns its message. */
export async function apiEdit(db: Firestore, customer: Customer) {
  const version = await db.runTransaction(async (tx) => {
    const { previousVersion } = await readRecordInTransaction(db, tx, "customer", customer.code);
    return writeRecordInTransaction(db, tx, {
      entity: "customer",
      key: customer.code,
      customerCode: customer.code,
      data: JSON.parse(JSON.stringify(customer)),
      previousVersion,
      origin: "api",
      updatedBy: "test-user",
    });
  });
  return change({
    source: "new",
    entity: "customer",
    key: customer.code,
    customerCode: customer.code,
    sourceVersion: version,
    data: JSON.parse(JSON.stringify(customer)),
  });
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
