import { randomUUID } from "node:crypto";
import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { AuditDraft } from "../../../src/audit/audit-draft.js";
import { orderStatusTransitions } from "../../../src/domain/order-status.js";
import { sampleClientRow, sampleDeliveryRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { assertWritesNotHeld } from "../../../src/migration/write-hold.js";
import { FirestoreOrderSide } from "../../../src/orders/firestore-order-store.js";
import { deliveryNoPrefix, newOrder, transitioned } from "../../../src/orders/order-edits.js";
import { domainToRow, firestoreSafe, rowToDomain, tableOf } from "../../../src/sync/apply/record-rows.js";
import type { SyncEntity } from "../../../src/sync/change-message.js";
import { readRecordInTransaction, writeRecordInTransaction } from "../../../src/sync/firestore-records.js";
import type { FlatRow } from "../../../src/sync/ledger/sync-ledger.js";
import { vendorStamp } from "../apply/sync-fixtures.js";

export type Side = "legacy" | "new";
export type WriteKind = "update" | "create" | "delete" | "nightly" | "transition";
export type Value = string | number | null;

/** One acknowledged write, as the accounting needs it. */
export interface LoggedWrite {
  seq: number;
  side: Side;
  kind: WriteKind;
  entity: SyncEntity;
  key: string;
  customerCode: string;
  /** Columns (legacy-row space) this write set, with the values it set. */
  fields: Record<string, Value>;
  startedAt: number;
  ackedAt: number;
  /** legacy: the transaction id its capture rows carry; new: the record version it wrote. */
  txid?: string;
  version?: number;
}

/** The write targets nothing (the row is gone, or not replicated yet): nothing was written. */
export class NothingThereError extends Error {}

/** Deterministic PRNG (mulberry32) so a failing run can be replayed with the same seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What the vendor application stamps on every edit (ROC date, Taipei wall clock, to the second). */
async function vendorTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    const txid = (await client.query("SELECT txid_current()::text AS txid")).rows[0].txid as string;
    await client.query("COMMIT");
    return { result, txid };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The vendor application's writes: plain SQL on its tables, captured by the triggers. */
export class VendorWrites {
  constructor(private readonly pool: pg.Pool) {}

  async update(entity: SyncEntity, key: string, fields: Record<string, Value>): Promise<string> {
    const { table, keyColumn } = tableOf[entity];
    const row = { ...fields, ...vendorStamp() };
    const columns = Object.keys(row);
    const set = columns.map((c, i) => `${c} = $${i + 2}`).join(", ");
    const { result, txid } = await vendorTransaction(this.pool, (client) =>
      client.query(`UPDATE ${table} SET ${set} WHERE ${keyColumn} = $1`, [key, ...Object.values(row)]),
    );
    if (result.rowCount === 0) throw new NothingThereError(`${entity} ${key} is not in legacy`);
    return txid;
  }

  async insert(entity: SyncEntity, row: FlatRow): Promise<string> {
    const { table } = tableOf[entity];
    const columns = Object.keys(row);
    const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
    const { txid } = await vendorTransaction(this.pool, (client) =>
      client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders})`, [
        ...Object.values(row),
      ]),
    );
    return txid;
  }

  /** The vendor numbers its orders max + 1 over today's D numbers; a racing create fails (PK) and is retried. */
  async createOrder(customerCode: string, fields: Record<string, Value>) {
    const prefix = deliveryNoPrefix(new Date(), "legacy");
    return vendorTransaction(this.pool, async (client) => {
      const max = await client.query(
        "SELECT max(delivery_no) AS max FROM deliveries WHERE delivery_no LIKE $1 || '%'",
        [prefix],
      );
      const last = max.rows[0].max ? Number(String(max.rows[0].max).slice(prefix.length)) : 0;
      const deliveryNo = `${prefix}${String(last + 1).padStart(4, "0")}`;
      const row = { ...sampleDeliveryRow({ delivery_no: deliveryNo, client_code: customerCode }), ...fields };
      const columns = Object.keys(row);
      await client.query(
        `INSERT INTO deliveries (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
        Object.values(row),
      );
      return deliveryNo;
    });
  }

  async delete(entity: SyncEntity, key: string): Promise<string> {
    const { table, keyColumn } = tableOf[entity];
    const { result, txid } = await vendorTransaction(this.pool, (client) =>
      client.query(`DELETE FROM ${table} WHERE ${keyColumn} = $1`, [key]),
    );
    if (result.rowCount === 0) throw new NothingThereError(`${entity} ${key} is not in legacy`);
    return txid;
  }

  /** The nightly job: balances recomputed from deliveries in one transaction, upd_date untouched. */
  async nightlyBalances(codes: readonly string[]) {
    return vendorTransaction(this.pool, async (client) => {
      const result = await client.query(
        `UPDATE clients c SET balance = sums.total
         FROM (SELECT cl.client_code, coalesce(sum(d.amount), 0)::int AS total
               FROM clients cl LEFT JOIN deliveries d ON d.client_code = cl.client_code
               WHERE cl.client_code = ANY($1) GROUP BY cl.client_code) sums
         WHERE c.client_code = sums.client_code AND c.balance IS DISTINCT FROM sums.total
         RETURNING c.client_code, c.balance`,
        [codes],
      );
      return result.rows as { client_code: string; balance: number }[];
    });
  }
}

const chaosDraft = (action: string, entity: "customer" | "order", key: string): AuditDraft => ({
  who: { uid: "chaos", email: null, role: "operator" },
  when: new Date(),
  action,
  entity,
  key,
  reason: null,
  correlationId: `chaos-${randomUUID()}`,
});

/** The API's writes: Firestore records with their outbox entries, orders through the API's own store. */
export class ApiWrites {
  private readonly orders: FirestoreOrderSide;

  constructor(private readonly db: Firestore) {
    this.orders = new FirestoreOrderSide(db);
  }

  /** A field edit, as the API's patch does it: the stored record changed and stamped now. */
  async update(entity: SyncEntity, key: string, customerCode: string, fields: Record<string, Value>) {
    return this.db.runTransaction(async (tx) => {
      await assertWritesNotHeld(this.db, tx, customerCode); // as the API's stores do
      const { record: snapshot, previousVersion } = await readRecordInTransaction(this.db, tx, entity, key);
      if (!snapshot.exists) throw new NothingThereError(`${entity} ${key} is not in Firestore`);
      const current = snapshot.get("data");
      const row = { ...domainToRow(entity, current), ...fields, ...vendorStamp() };
      const data = firestoreSafe(rowToDomain(entity, row, current)) as unknown as Record<string, unknown>;
      return writeRecordInTransaction(this.db, tx, {
        entity,
        key,
        customerCode,
        data,
        previousVersion,
        previous: snapshot,
        origin: "api",
        updatedBy: "chaos",
      });
    });
  }

  /**
   * Firestore transactions run again when a commit's answer is lost (a Firestore restart cut it):
   * if the first run did commit, the second finds its own create or delete already there.
   */
  async createCustomer(row: FlatRow): Promise<number> {
    const key = String(row.client_code);
    let runs = 0;
    return this.db.runTransaction(async (tx) => {
      runs += 1;
      await assertWritesNotHeld(this.db, tx, key);
      const { record: snapshot, previousVersion } = await readRecordInTransaction(
        this.db,
        tx,
        "customer",
        key,
      );
      const ours = snapshot.exists && snapshot.get("data.shortName") === row.short_name;
      if (ours && runs > 1) return previousVersion;
      if (snapshot.exists) throw new NothingThereError(`customer ${key} exists already`);
      const data = firestoreSafe(rowToDomain("customer", row, undefined)) as unknown as Record<
        string,
        unknown
      >;
      return writeRecordInTransaction(this.db, tx, {
        entity: "customer",
        key,
        customerCode: key,
        data,
        previousVersion,
        previous: snapshot,
        origin: "api",
        updatedBy: "chaos",
      });
    });
  }

  async delete(entity: SyncEntity, key: string, customerCode: string): Promise<number> {
    let runs = 0;
    return this.db.runTransaction(async (tx) => {
      runs += 1;
      await assertWritesNotHeld(this.db, tx, customerCode);
      const { record: snapshot, previousVersion } = await readRecordInTransaction(this.db, tx, entity, key);
      if (!snapshot.exists && runs > 1) return previousVersion; // the first run's delete committed
      if (!snapshot.exists) throw new NothingThereError(`${entity} ${key} is not in Firestore`);
      return writeRecordInTransaction(this.db, tx, {
        entity,
        key,
        customerCode,
        data: null,
        previousVersion,
        previous: snapshot,
        origin: "api",
        updatedBy: "chaos",
      });
    });
  }

  /** A new order through the API's store: the new side's own numbering (N…). */
  /** `remark` marks the create, so a second order from a re-run transaction is recognised. */
  async createOrder(customerCode: string, quantity: number, amount: number, remark: string) {
    const input = { customerCode, items: [{ sizeKg: 20 as const, quantity }], amount, remark };
    const created = await this.orders.create(newOrder(input, new Date()), chaosDraft("create", "order", ""));
    return { id: created.value.id, version: Number(created.etag.replace(/\D/g, "")) };
  }

  /** The order's next status along the delivery path, through the API's store. */
  async advanceOrder(id: string) {
    const { after } = await this.orders.update(
      id,
      { kind: "any" },
      (order) => {
        const next = orderStatusTransitions[order.status].find((s) => s !== "cancelled");
        if (!next) throw new NothingThereError(`order ${id} is ${order.status}: no next status`);
        return transitioned(order, next, new Date());
      },
      chaosDraft("transition", "order", id),
    );
    return { status: after.value.status, version: Number(after.etag.replace(/\D/g, "")) };
  }
}

/** A fresh client row as the vendor application or the API creates it. */
export function newClientRow(code: string, seq: number): FlatRow {
  return {
    ...sampleClientRow({ client_code: code, short_name: `新客${seq}`, balance: 0 }),
    ...vendorStamp(),
  };
}
