import { randomUUID } from "node:crypto";
import { initializeApp } from "firebase-admin/app";
import { FieldValue, type Firestore, getFirestore, type Transaction } from "firebase-admin/firestore";
import type { OrderCreateInput } from "../../src/domain/order-input.js";
import { deliveryNo, deliveryNoPrefix, newOrder } from "../../src/orders/order-edits.js";
import { type BareAnswer, type BareInput, BareRefusal } from "./bare-answer.js";

const db: Firestore = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT }, "bare-data"));

const etagOf = (version: number) => `"N-${version}"`;

/**
 * The documents every new-side write commits in its transaction: the record (`customers/{code}`,
 * `orders/{id}`), its outbox entry (the sync relays it to legacy) and its audit entry.
 */
function writeWithOutbox(
  tx: Transaction,
  input: BareInput,
  change: { entity: "customer" | "order"; key: string; version: number; data: Record<string, unknown> },
  before: Record<string, unknown> | null,
): void {
  const now = FieldValue.serverTimestamp();
  const collection = change.entity === "customer" ? "customers" : "orders";
  const record = { data: change.data, version: change.version, origin: "api", updatedBy: input.uid };
  const ref = db.collection(collection).doc(change.key);
  if (before === null) tx.create(ref, { ...record, updatedAt: now, editedAt: now });
  else tx.update(ref, { ...record, updatedAt: now, editedAt: now });
  const changeId = randomUUID();
  tx.create(db.collection("syncOutbox").doc(changeId), {
    changeId,
    entity: change.entity,
    key: change.key,
    customerCode: input.code,
    op: "upsert",
    sourceVersion: change.version,
    data: change.data,
    committedAt: now,
  });
  tx.set(db.collection("audit").doc(randomUUID()), {
    who: { uid: input.uid, email: input.email, role: "operator" },
    action: before === null ? "create" : "update",
    entity: change.entity,
    key: change.key,
    before,
    after: change.data,
    reason: null,
    correlationId: randomUUID(),
    kind: "api-write",
    actor: input.uid,
    when: now,
  });
}

export async function getNewCustomer({ code }: BareInput): Promise<BareAnswer> {
  const snapshot = await db.collection("customers").doc(code).get();
  if (!snapshot.exists) throw new BareRefusal(404);
  return { status: 200, body: snapshot.get("data"), etag: etagOf(snapshot.get("version") as number) };
}

/** One transaction: read the record, compare If-Match, write record + outbox + audit. */
export function patchNewCustomer(input: BareInput): Promise<BareAnswer> {
  const ref = db.collection("customers").doc(input.code);
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref);
    if (!snapshot.exists) throw new BareRefusal(404);
    const version = snapshot.get("version") as number;
    if (etagOf(version) !== input.ifMatch) throw new BareRefusal(412);
    const before = snapshot.get("data") as Record<string, unknown>;
    const data = { ...before, ...(input.body as Record<string, unknown>) };
    writeWithOutbox(tx, input, { entity: "customer", key: input.code, version: version + 1, data }, before);
    return { status: 200, body: data, etag: etagOf(version + 1) };
  });
}

/** One transaction: the customer must exist, the day's counter gives the number, then the order's documents. */
export function createNewOrder(input: BareInput): Promise<BareAnswer> {
  const now = new Date();
  const prefix = deliveryNoPrefix(now, "new");
  const counter = db.collection("orderSequences").doc(prefix);
  const customer = db.collection("customers").doc(input.code);
  return db.runTransaction(async (tx) => {
    const [customerSnapshot, counterSnapshot] = await tx.getAll(customer, counter);
    if (!customerSnapshot?.exists) throw new BareRefusal(404);
    const sequence = ((counterSnapshot?.get("last") as number | undefined) ?? 0) + 1;
    const id = deliveryNo(prefix, sequence);
    const body = { ...(input.body as Omit<OrderCreateInput, "customerCode">), customerCode: input.code };
    const data = JSON.parse(JSON.stringify({ ...newOrder(body, now), id })) as Record<string, unknown>;
    tx.set(counter, { last: sequence });
    writeWithOutbox(tx, input, { entity: "order", key: id, version: 1, data }, null);
    return { status: 201, body: data, etag: etagOf(1) };
  });
}
