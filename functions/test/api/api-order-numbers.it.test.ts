import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertStatement } from "../../src/adapters/legacy-transaction.js";
import { customerToClientRow } from "../../src/legacy/mapping/client-mapping.js";
import { orderToDeliveryRow } from "../../src/legacy/mapping/delivery-mapping.js";
import { pinStage, someClientCode, unusedClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";

/**
 * Order numbers never collide, whichever system numbers them. The vendor's numbering (its own
 * application, and the API's legacy-side creates) is today's highest number plus one; a number the
 * new side gave out reaches legacy through the sync and must not become that maximum.
 */
let stack: ApiTestStack;

beforeAll(async () => {
  stack = await startApiTestStack("ordernumbers");
});

afterAll(async () => {
  await stack?.stop();
});

interface OrderBody {
  id: string;
  customerCode: string;
}

async function createOrder(code: string): Promise<OrderBody> {
  const answer = await stack.call("POST", `/v1/customers/${code}/orders`, {
    token: stack.tokens.operator,
    body: { items: [{ sizeKg: 20, quantity: 1 }] },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as OrderBody;
}

/** What syncApplyToLegacy does with a new-side customer: the same record, in the vendor's table. */
async function syncCustomerToLegacy(code: string): Promise<void> {
  const stored = (await stack.db.collection("customers").doc(code).get()).get("data");
  const insert = insertStatement("clients", customerToClientRow(stored));
  await stack.legacy.query(insert.text, insert.values);
}

/** What syncApplyToLegacy does with a new-side order: the same number, in the vendor's table. */
async function syncToLegacy(order: OrderBody): Promise<void> {
  const stored = (await stack.db.collection("orders").doc(order.id).get()).get("data");
  const insert = insertStatement("deliveries", orderToDeliveryRow(stored));
  await stack.legacy.query(insert.text, insert.values);
}

describe("order numbers", () => {
  it("never give two orders one number across the new side, the API's legacy side and the vendor", async () => {
    const live = await unusedClientCode(stack.legacy);
    await pinStage(stack.projectId, live, "live");
    const created = await stack.call("POST", "/v1/customers", {
      token: stack.tokens.operator,
      body: { code: live, shortName: "新系統客戶", address: "臺東縣臺東市中華路一段1號" },
    });
    expect(created.status).toBe(201);
    await syncCustomerToLegacy(live);
    const legacyServed = await someClientCode(stack.legacy, 2);

    const first = await createOrder(live);
    await syncToLegacy(first);
    const legacySide = await createOrder(legacyServed);
    const second = await createOrder(live);
    await syncToLegacy(second);
    const ids = [first.id, legacySide.id, second.id];
    expect(new Set(ids).size, ids.join(", ")).toBe(3);
    // The vendor application's own next number (max + 1 over today's D numbers) is free too.
    const vendorNext = await stack.legacy.query(
      "SELECT max(delivery_no) AS last FROM deliveries WHERE delivery_no LIKE $1 || '____' AND delivery_no ~ '^D[0-9]{11}$'",
      [legacySide.id.slice(0, 8)],
    );
    const last = (vendorNext.rows[0] as { last: string }).last;
    const next = `${last.slice(0, 8)}${String(Number(last.slice(-4)) + 1).padStart(4, "0")}`;
    expect(ids).not.toContain(next);
    expect((await createOrder(live)).id).not.toBe(next);
  });
});
