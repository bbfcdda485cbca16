import { randomUUID } from "node:crypto";
import {
  type DocumentReference,
  type DocumentSnapshot,
  FieldPath,
  type Firestore,
  Timestamp,
  type Transaction,
} from "firebase-admin/firestore";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { addAuditEntry } from "../audit/firestore-audit-log.js";
import type { Versioned } from "../customers/customer-store.js";
import { storable } from "../customers/firestore-customer-store.js";
import { type Order, orderSchema } from "../domain/order.js";
import { assertWritesNotHeld } from "../migration/write-hold.js";
import { ConflictError, DomainError, NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { versionEtag } from "../shared/record-etag.js";
import { collections, recordRef, writeRecordInTransaction } from "../sync/firestore-records.js";
import { deliveryNo, deliveryNoPrefix } from "./order-edits.js";
import type { NewOrder, OrderPage, OrderSide } from "./order-store.js";

/** New-side numbers count up per day in their own `N` space (order-edits.ts says why). */
const sequencesCollection = "orderSequences";
/**
 * `orderCreates/{createId}` → `{ orderId, customerCode, createdAt, expireAt }`: which order a create
 * made, committed with that order (see `create`). It is read only within the request that wrote it
 * (a rerun of its transaction, or the look after a failed one), so an hour, far beyond any request,
 * is plenty; Firestore's TTL policy on `expireAt` (infra/firestore/firestore.indexes.json) deletes
 * it, usually within a day after that. At some hundred orders a day, a few hundred small documents.
 */
const orderCreatesCollection = "orderCreates";
const createMarkerRetentionMs = 60 * 60 * 1000;

function versioned(snapshot: FirebaseFirestore.DocumentSnapshot): Versioned<Order> | undefined {
  if (!snapshot.exists) return undefined;
  return {
    value: orderSchema.parse(snapshot.get("data")),
    etag: versionEtag(snapshot.get("version") as number),
  };
}

/** Orders in the new system: `orders/{deliveryNo}` records written with their outbox entry. */
export class FirestoreOrderSide implements OrderSide {
  constructor(
    private readonly db: Firestore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(id: string): Promise<Versioned<Order> | undefined> {
    return versioned(await recordRef(this.db, "order", id).get());
  }

  async listForCustomer(customerCode: string, pageSize: number, before?: string): Promise<OrderPage> {
    let query = this.db
      .collection(collections.order)
      .where("data.customerCode", "==", customerCode)
      .orderBy(FieldPath.documentId(), "desc");
    if (before) query = query.startAfter(before);
    const snapshot = await query.limit(pageSize).get();
    const items = snapshot.docs.map((doc) => orderSchema.parse(doc.get("data")));
    return { items, lastId: items.length === pageSize ? items.at(-1)?.id : undefined };
  }

  /**
   * When a commit's answer is lost (a connection cut or a stream reset after Firestore committed),
   * firebase-admin runs the transaction function again, which would number and write a second
   * order; or it gives up, and the caller gets an error for an order that exists. So the create id
   * is made once, before the transaction, and its marker is committed with the order: a rerun that
   * finds it answers with that order, and so does a failed create whose marker is there. Cost: one
   * more document read (in the same round trip as the customer and the counter) and one more write.
   */
  async create(order: NewOrder, draft: AuditDraft): Promise<Versioned<Order>> {
    const marker = this.db.collection(orderCreatesCollection).doc(randomUUID());
    try {
      return await this.createMarked(order, draft, marker);
    } catch (error) {
      // Our own refusal (no customer, no free number) committed nothing: no need to look.
      if (error instanceof DomainError) throw error;
      const made = await this.madeBy(marker).catch(() => undefined);
      if (made) return made;
      throw error;
    }
  }

  private createMarked(order: NewOrder, draft: AuditDraft, marker: DocumentReference) {
    const prefix = deliveryNoPrefix(this.now(), "new");
    const counter = this.db.collection(sequencesCollection).doc(prefix);
    const customer = recordRef(this.db, "customer", order.customerCode);
    return this.db.runTransaction(async (tx): Promise<Versioned<Order>> => {
      await assertWritesNotHeld(this.db, tx, order.customerCode);
      const [markerSnapshot, customerSnapshot, counterSnapshot] = (await tx.getAll(
        marker,
        customer,
        counter,
      )) as [DocumentSnapshot, DocumentSnapshot, DocumentSnapshot];
      if (markerSnapshot.exists) return this.createdBefore(tx, markerSnapshot.get("orderId") as string);
      if (!customerSnapshot.exists) throw new NotFoundError(`No customer ${order.customerCode}.`);
      const sequence = await this.freeSequence(
        tx,
        prefix,
        (counterSnapshot.get("last") as number | undefined) ?? 0,
      );
      const created: Order = orderSchema.parse({ ...order, id: deliveryNo(prefix, sequence) });
      tx.set(counter, { last: sequence });
      const version = writeRecordInTransaction(this.db, tx, {
        entity: "order",
        key: created.id,
        customerCode: created.customerCode,
        data: storable(created),
        previousVersion: 0, // a number fresh from the new-side sequence: nothing was ever deleted under it
        previous: null,
        origin: "api",
        updatedBy: draft.who.uid,
      });
      // The number is made here, so the entry names it here.
      addAuditEntry(this.db, tx, completeAudit({ ...draft, key: created.id }, null, created));
      tx.set(marker, this.markerOf(created));
      return { value: created, etag: versionEtag(version) };
    });
  }

  private markerOf(created: Order) {
    const now = this.now().getTime();
    return {
      orderId: created.id,
      customerCode: created.customerCode,
      createdAt: Timestamp.fromMillis(now),
      expireAt: Timestamp.fromMillis(now + createMarkerRetentionMs),
    };
  }

  /** A rerun of a create that committed: the order it made, as it is now. */
  private async createdBefore(tx: Transaction, orderId: string): Promise<Versioned<Order>> {
    const found = versioned(await tx.get(recordRef(this.db, "order", orderId)));
    // Only the sync deletes orders, not within the seconds between two runs; say so if it did.
    if (!found) throw new ConflictError(`Order ${orderId}, made by this request, is already deleted.`);
    return found;
  }

  /** After a failed create: the order it made all the same, if its marker committed. */
  private async madeBy(marker: DocumentReference): Promise<Versioned<Order> | undefined> {
    const snapshot = await marker.get();
    return snapshot.exists ? this.get(snapshot.get("orderId") as string) : undefined;
  }

  /**
   * The next number after `last` that no order has: a create never overwrites. Only a record written
   * under this prefix by something other than the counter (none today) could make it skip one.
   */
  private async freeSequence(tx: Transaction, prefix: string, last: number): Promise<number> {
    for (let sequence = last + 1; sequence <= last + 20; sequence += 1) {
      if (!(await tx.get(recordRef(this.db, "order", deliveryNo(prefix, sequence)))).exists) return sequence;
    }
    throw new ConflictError(`No free order number after ${deliveryNo(prefix, last)}; retry.`);
  }

  update(id: string, precondition: Precondition, change: (current: Order) => Order, audit: AuditDraft) {
    const ref = recordRef(this.db, "order", id);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      const before = versioned(snapshot);
      if (!before) throw new NotFoundError(`No order ${id}.`);
      await assertWritesNotHeld(this.db, tx, before.value.customerCode);
      assertPrecondition(precondition, before.etag);
      const after = change(before.value);
      const version = writeRecordInTransaction(this.db, tx, {
        entity: "order",
        key: id,
        customerCode: after.customerCode,
        data: storable(after),
        previousVersion: snapshot.get("version") as number,
        previous: snapshot,
        origin: "api",
        updatedBy: audit.who.uid,
      });
      addAuditEntry(this.db, tx, completeAudit(audit, before.value, after));
      return { before: before.value, after: { value: after, etag: versionEtag(version) } };
    });
  }
}
