import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryRowToOrder } from "../../../src/legacy/mapping/delivery-mapping.js";
import { sampleClientRow, sampleDeliveryRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { change, pushChange } from "./apply-support.js";
import { vendorWrite } from "./sync-fixtures.js";

/**
 * An order number names one order of one customer. Two orders that collided on a number must not
 * become one: a change that would move an existing order to another customer is refused (kept as a
 * dead letter) in both directions, and the order stays with its customer.
 */
let stack: ApplyStack;

const owner = "0300001";
const other = "0300002";

beforeAll(async () => {
  stack = await startApplyStack("sync-order-ownership");
  for (const code of [owner, other]) {
    await vendorWrite(stack.pool, "customer", sampleClientRow({ client_code: code }));
    await stack.setStage(code, "dualwrite");
  }
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const letters = async () => (await stack.db.collection("syncDeadLetters").get()).size;

describe("order ownership", () => {
  it("refuses, on the new side, a legacy change that moves an order to another customer", async () => {
    const mine = sampleDeliveryRow({ delivery_no: "D11412010001", client_code: owner });
    const first = change({
      source: "legacy",
      entity: "order",
      key: mine.delivery_no,
      customerCode: owner,
      sourceVersion: 1,
      data: mine,
    });
    expect(await pushChange(stack.toNew, stack.projectId, first)).toBeLessThan(300);
    const before = await letters();
    const theirs = { ...mine, client_code: other };
    const moved = change({
      source: "legacy",
      entity: "order",
      key: mine.delivery_no,
      customerCode: other,
      sourceVersion: 2,
      data: theirs,
    });
    expect(await pushChange(stack.toNew, stack.projectId, moved)).toBeLessThan(300);
    expect(await letters()).toBe(before + 1);
    expect((await stack.db.collection("orders").doc(mine.delivery_no).get()).get("data.customerCode")).toBe(
      owner,
    );
  });

  it("applies the vendor's reuse of a deleted order's number once that delete, arriving later, is in", async () => {
    // The vendor numbers max + 1: after deleting the owner's newest order it gives the number to
    // the other customer. Each customer is its own stream, so the insert can arrive first.
    const mine = sampleDeliveryRow({ delivery_no: "D11412010003", client_code: owner });
    const fromLegacy = (customerCode: string, sourceVersion: number, extra: object) =>
      change({
        source: "legacy",
        entity: "order",
        key: mine.delivery_no,
        customerCode,
        sourceVersion,
        ...extra,
      });
    expect(
      await pushChange(stack.toNew, stack.projectId, fromLegacy(owner, 10, { data: mine })),
    ).toBeLessThan(300);
    const before = await letters();
    const reused = fromLegacy(other, 12, { data: { ...mine, client_code: other }, created: true });
    expect(await pushChange(stack.toNew, stack.projectId, reused)).toBeGreaterThanOrEqual(500); // redelivered
    const deleted = fromLegacy(owner, 11, { op: "delete", data: mine });
    expect(await pushChange(stack.toNew, stack.projectId, deleted)).toBeLessThan(300);
    expect(await pushChange(stack.toNew, stack.projectId, reused)).toBeLessThan(300);
    expect(await letters()).toBe(before);
    const record = await stack.db.collection("orders").doc(mine.delivery_no).get();
    expect(record.get("data.customerCode")).toBe(other);
  });

  it("refuses, in legacy, a new-side change that moves an order to another customer", async () => {
    const mine = sampleDeliveryRow({ delivery_no: "D11412010002", client_code: owner });
    await vendorWrite(stack.pool, "order", mine);
    const before = await letters();
    const theirs = deliveryRowToOrder({ ...mine, client_code: other }).order;
    const moved = change({
      source: "new",
      entity: "order",
      key: mine.delivery_no,
      customerCode: other,
      sourceVersion: 1,
      data: JSON.parse(JSON.stringify(theirs)),
    });
    expect(await pushChange(stack.toLegacy, stack.projectId, moved)).toBeLessThan(300);
    expect(await letters()).toBe(before + 1);
    const row = await stack.pool.query("SELECT client_code FROM deliveries WHERE delivery_no = $1", [
      mine.delivery_no,
    ]);
    expect(row.rows).toEqual([{ client_code: owner }]);
  });
});
