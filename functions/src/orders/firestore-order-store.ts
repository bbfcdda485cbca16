import { FieldPath, type Firestore, type Transaction } from "firebase-admin/firestore";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { addAuditEntry } from "../audit/firestore-audit-log.js";
import type { Versioned } from "../customers/customer-store.js";
import { storable } from "../customers/firestore-customer-store.js";
import { type Order, orderSchema } from "../domain/order.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { versionEtag } from "../shared/record-etag.js";
import { collections, recordRef, writeRecordInTransaction } from "../sync/firestore-records.js";
import { deliveryNo, deliveryNoPrefix } from "./order-edits.js";
import type { NewOrder, OrderPage, OrderSide } from "./order-store.js";

/** New-side numbers count up per day in their own `N` space (order-edits.ts says why). */
const sequencesCollection = "orderSequences";

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

  create(order: NewOrder, draft: AuditDraft): Promise<Versioned<Order>> {
    const prefix = deliveryNoPrefix(this.now(), "new");
    const counter = this.db.collection(sequencesCollection).doc(prefix);
    const customer = recordRef(this.db, "customer", order.customerCode);
    return this.db.runTransaction(async (tx) => {
      const [customerSnapshot, counterSnapshot] = await Promise.all([tx.get(customer), tx.get(counter)]);
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
      return { value: created, etag: versionEtag(version) };
    });
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
