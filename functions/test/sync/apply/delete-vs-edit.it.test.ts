import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../../../src/domain/order.js";
import { deliveryRowToOrder } from "../../../src/legacy/mapping/delivery-mapping.js";
import { sampleClientRow, sampleDeliveryRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import type { FlatRow } from "../../../src/sync/ledger/sync-ledger.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { change, pushChange } from "./apply-support.js";
import { apiEditRecord, vendorWrite } from "./sync-fixtures.js";

/**
 * The vendor deletes an order while a new-side edit of it is still in the outbox. The delete
 * reaches Firestore first; the edit, arriving in legacy afterwards, must not bring the row back
 * (written under sync origin, legacy would never capture it again). An edit of its amount is held
 * for a person instead of being dropped.
 */
let stack: ApplyStack;
const code = "0500101";
let legacyVersion = 100;

beforeAll(async () => {
  stack = await startApplyStack("sync-delete-vs-edit");
  await vendorWrite(stack.pool, "customer", sampleClientRow({ client_code: code }));
  await stack.setStage(code, "dualwrite");
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const fromLegacy = (key: string, data: FlatRow | null) => {
  legacyVersion += 1;
  return change({
    source: "legacy",
    entity: "order",
    key,
    customerCode: code,
    sourceVersion: legacyVersion,
    op: data === null ? "delete" : "upsert",
    data,
  });
};

async function deletedWhileEditing(
  deliveryNo: string,
  edit: Partial<Order>,
  /** Which arrives first: the vendor's delete in Firestore, or the edit in legacy. */
  first: "delete" | "edit" = "delete",
) {
  const row = sampleDeliveryRow({ delivery_no: deliveryNo, client_code: code });
  await vendorWrite(stack.pool, "order", row);
  expect(await pushChange(stack.toNew, stack.projectId, fromLegacy(deliveryNo, row))).toBeLessThan(300);
  const order = { ...deliveryRowToOrder(row).order, ...edit };
  const edited = await apiEditRecord(
    stack.db,
    { entity: "order", key: deliveryNo, customerCode: code },
    JSON.parse(JSON.stringify(order)),
  );
  await stack.pool.query("DELETE FROM deliveries WHERE delivery_no = $1", [deliveryNo]);
  const deleteReachesNew = async () =>
    expect(await pushChange(stack.toNew, stack.projectId, fromLegacy(deliveryNo, null))).toBeLessThan(300);
  if (first === "delete") await deleteReachesNew();
  expect(await pushChange(stack.toLegacy, stack.projectId, edited)).toBeLessThan(300);
  if (first === "edit") await deleteReachesNew();
  expect((await stack.db.collection("orders").doc(deliveryNo).get()).exists).toBe(false);
  const rows = await stack.pool.query("SELECT 1 FROM deliveries WHERE delivery_no = $1", [deliveryNo]);
  return rows.rowCount;
}

describe("a delete against an edit in flight", () => {
  it("drops an edit of other fields: the vendor's delete stands and the row stays deleted", async () => {
    expect(await deletedWhileEditing("D11412050001", { remark: "call before delivery" })).toBe(0);
    const conflicts = await stack.db.collection("syncConflicts").where("key", "==", "D11412050001").get();
    expect(conflicts.size).toBe(0);
  });

  it("holds an edit of the amount for a person, and still does not bring the row back", async () => {
    expect(await deletedWhileEditing("D11412050002", { amount: 1_234 })).toBe(0);
    const conflicts = await stack.db.collection("syncConflicts").where("key", "==", "D11412050002").get();
    expect(conflicts.docs.map((doc) => doc.get("fields"))).toEqual([["amount"]]);
  });

  it("does not bring the row back when the edit reaches legacy before the delete reaches Firestore", async () => {
    expect(await deletedWhileEditing("D11412050003", { remark: "ring twice" }, "edit")).toBe(0);
    const conflicts = await stack.db.collection("syncConflicts").where("key", "==", "D11412050003").get();
    expect(conflicts.size).toBe(0);
  });

  it("holds an amount edit that reaches legacy before the delete reaches Firestore", async () => {
    expect(await deletedWhileEditing("D11412050004", { amount: 4_321 }, "edit")).toBe(0);
    const conflicts = await stack.db.collection("syncConflicts").where("key", "==", "D11412050004").get();
    expect(conflicts.docs.map((doc) => [doc.get("fields"), doc.get("legacy"), doc.get("new")])).toEqual([
      [["amount"], { amount: null }, { amount: 4_321 }],
    ]);
  });
});

/** A vendor write's message with its real capture id (where a delete reached legacy is a capture id). */
async function fromVendor(deliveryNo: string, row: FlatRow) {
  const captured = await stack.pool.query(
    "SELECT max(id)::int AS id FROM sync.changes WHERE table_name = 'deliveries' AND pk = $1",
    [deliveryNo],
  );
  return { ...fromLegacy(deliveryNo, row), sourceVersion: captured.rows[0].id as number };
}

/** A person deletes the order on the new side while an older vendor edit of it is still in flight. */
async function deletedOnNewWhileVendorEdits(
  deliveryNo: string,
  column: "remark" | "amount",
  first: "delete" | "edit",
) {
  const row = sampleDeliveryRow({ delivery_no: deliveryNo, client_code: code });
  await vendorWrite(stack.pool, "order", row);
  expect(await pushChange(stack.toNew, stack.projectId, await fromVendor(deliveryNo, row))).toBeLessThan(300);
  const edited = { ...row, [column]: column === "amount" ? 2_468 : "vendor note" };
  await vendorWrite(stack.pool, "order", edited);
  const vendorChange = await fromVendor(deliveryNo, edited);
  const deleted = await apiEditRecord(
    stack.db,
    { entity: "order", key: deliveryNo, customerCode: code },
    null,
  );
  const deleteReachesLegacy = async () =>
    expect(await pushChange(stack.toLegacy, stack.projectId, deleted)).toBeLessThan(300);
  if (first === "delete") await deleteReachesLegacy();
  expect(await pushChange(stack.toNew, stack.projectId, vendorChange)).toBeLessThan(300);
  if (first === "edit") await deleteReachesLegacy();
  const rows = await stack.pool.query("SELECT 1 FROM deliveries WHERE delivery_no = $1", [deliveryNo]);
  expect(rows.rowCount).toBe(0);
  return (await stack.db.collection("orders").doc(deliveryNo).get()).exists;
}

describe("a delete on the new side against an older vendor edit in flight", () => {
  for (const first of ["delete", "edit"] as const) {
    it(`does not bring the record back in Firestore (${first} arrives first)`, async () => {
      const no = first === "delete" ? "D11412060001" : "D11412060002";
      expect(await deletedOnNewWhileVendorEdits(no, "remark", first)).toBe(false);
      const conflicts = await stack.db.collection("syncConflicts").where("key", "==", no).get();
      expect(conflicts.size).toBe(0);
    });
  }

  it("holds a vendor edit of the amount for a person, new side recorded as deleted", async () => {
    expect(await deletedOnNewWhileVendorEdits("D11412060003", "amount", "edit")).toBe(false);
    const conflicts = await stack.db.collection("syncConflicts").where("key", "==", "D11412060003").get();
    expect(conflicts.docs.map((doc) => [doc.get("fields"), doc.get("legacy"), doc.get("new")])).toEqual([
      [["amount"], { amount: 2_468 }, { amount: null }],
    ]);
  });
});
