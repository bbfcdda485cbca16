import { describe, expect, it } from "vitest";
import { auditDraft } from "../audit/audit-draft.js";
import { FakeAuditLog } from "../audit/fake-audit-log.js";
import { newCustomer } from "../customers/customer-edits.js";
import { CustomerService } from "../customers/customer-service.js";
import { FakeCustomerSide } from "../customers/fake-customer-side.js";
import { FakeReadComparisonRecorder } from "../customers/read-comparison.js";
import type { MigrationStage } from "../domain/customer.js";
import { routeForStage } from "../migration/migration-stage.js";
import type { Logger } from "../shared/logger.js";
import { FakeOrderSide } from "./fake-order-side.js";
import type { OrderNotifier } from "./order-notifier.js";
import { OrderService } from "./order-service.js";

/** Test data written straight to a side, as a seeding script would. */
const seedDraft = auditDraft(
  { principal: { uid: "seed", role: "admin" }, correlationId: "seed" },
  { action: "create", entity: "customer", key: "1000000" },
  new Date(),
);

const context = { principal: { uid: "u1", role: "operator" as const }, correlationId: "c-1" };
const warnings: string[] = [];
const logger: Logger = {
  log: (severity, message) => {
    if (severity === "WARNING") warnings.push(message);
  },
  with: () => logger,
};

function setup(stage: MigrationStage, notifier: OrderNotifier) {
  const routing = { routeFor: async () => ({ stage, ...routeForStage(stage) }) };
  const audit = new FakeAuditLog();
  const customerSides = { legacy: new FakeCustomerSide(audit), new: new FakeCustomerSide(audit) };
  const comparisons = new FakeReadComparisonRecorder();
  const customers = new CustomerService({
    routing,
    sides: customerSides,
    lister: { list: async () => ({ items: [] }) },
    stages: { codesInStage: async () => [], codesNotOff: async () => [], stagesOf: async () => new Map() },
    comparisons,
  });
  const sides = { legacy: new FakeOrderSide(audit), new: new FakeOrderSide(audit) };
  const orders = new OrderService({ routing, sides, customers, comparisons, notifier });
  return { orders, sides, customerSides, audit };
}

async function withCustomer(setupResult: ReturnType<typeof setup>) {
  const customer = newCustomer(
    { code: "1000000", shortName: "店", address: "臺東縣臺東市中華路一段1號" },
    new Date(),
  );
  await setupResult.customerSides.legacy.create(customer, seedDraft);
  await setupResult.customerSides.new.create(customer, seedDraft);
}

describe("OrderService", () => {
  it("tells the notifier after the commit, with the customer's stage and both statuses", async () => {
    const told: { from: string; to: string; stage: string; stored: string | undefined }[] = [];
    let sides: FakeOrderSide | undefined;
    const notifier: OrderNotifier = {
      orderStatusChanged: async ({ order, customer, from, to }) => {
        told.push({
          from,
          to,
          stage: customer.migration.stage,
          stored: sides?.records.get(order.id)?.order.status,
        });
      },
    };
    const built = setup("live", notifier);
    sides = built.sides.new;
    await withCustomer(built);
    const created = await built.orders.create({ customerCode: "1000000", meteredKg: "2" }, context);
    await built.orders.transition(
      created.value.id,
      "confirmed",
      { kind: "tags", tags: [created.etag] },
      context,
      logger,
    );
    expect(told).toEqual([{ from: "draft", to: "confirmed", stage: "live", stored: "confirmed" }]);
    expect(built.sides.legacy.records.size).toBe(0);
  });

  it("keeps a committed transition when the notifier fails, and logs a warning", async () => {
    const built = setup("off", { orderStatusChanged: async () => Promise.reject(new Error("SMS down")) });
    await withCustomer(built);
    const created = await built.orders.create({ customerCode: "1000000", meteredKg: "2" }, context);
    const moved = await built.orders.transition(
      created.value.id,
      "cancelled",
      { kind: "tags", tags: [created.etag] },
      context,
      logger,
    );
    expect(moved.value.status).toBe("cancelled");
    expect(warnings).toContain("order notification failed");
  });

  it("refuses an illegal move, audits nothing for it and does not notify", async () => {
    let notified = 0;
    const built = setup("off", { orderStatusChanged: async () => void notified++ });
    await withCustomer(built);
    const created = await built.orders.create({ customerCode: "1000000", meteredKg: "2" }, context);
    await expect(
      built.orders.transition(
        created.value.id,
        "delivered",
        { kind: "tags", tags: [created.etag] },
        context,
        logger,
      ),
    ).rejects.toMatchObject({
      code: "ORDER_ILLEGAL_TRANSITION",
    });
    expect(notified).toBe(0);
    expect(
      built.audit.entries.filter((entry) => entry.entity === "order").map((entry) => entry.action),
    ).toEqual(["create"]);
    expect(built.sides.legacy.records.get(created.value.id)?.order.status).toBe("draft");
  });
});
