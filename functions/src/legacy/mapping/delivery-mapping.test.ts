import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderSchema } from "../../domain/order.js";
import { orderStatusSchema } from "../../domain/order-status.js";
import { deliveryRowToOrder, orderToDeliveryRow } from "./delivery-mapping.js";
import { LegacyRowRejectedError } from "./findings.js";
import { legacyDeliveryRowArbitrary } from "./legacy-arbitraries.js";
import { sampleDeliveryRow } from "./legacy-fixtures.js";

const mappable = legacyDeliveryRowArbitrary().filter((row) => /^0[1-7]$/.test(row.status ?? ""));

describe("deliveryRowToOrder", () => {
  it("maps a tidy row", () => {
    const { order, repairs, warnings } = deliveryRowToOrder(sampleDeliveryRow());
    expect(order).toEqual({
      id: "D11411280007",
      customerCode: "0100001",
      items: [
        { sizeKg: 20, quantity: 2 },
        { sizeKg: 4, quantity: 1 },
      ],
      meteredKg: null,
      emptiesReturned: 2,
      amount: 1900,
      status: "confirmed",
      driverCode: "DR01",
      urgent: false,
      remark: null,
      timeSlot: "afternoon",
      orderDate: "2025-11-28",
      deliveryDate: "2025-11-29",
      updatedAt: "2025-11-28T09:30:05+08:00",
      legacyRaw: {},
    });
    expect([...repairs, ...warnings]).toEqual([]);
  });

  it.each([
    ["01", "draft"],
    ["02", "confirmed"],
    ["03", "assigned"],
    ["04", "in-delivery"],
    ["05", "delivered"],
    ["06", "cancelled"],
    ["07", "failed"],
  ])("reads status %s as %s", (status, expected) => {
    expect(deliveryRowToOrder(sampleDeliveryRow({ status })).order.status).toBe(expected);
  });

  it("keeps a blank char(7) delivery date aside and reads it as no date", () => {
    const row = sampleDeliveryRow({ delivery_date: "       " });
    const { order } = deliveryRowToOrder(row);
    expect(order.deliveryDate).toBeNull();
    expect(order.legacyRaw).toEqual({ delivery_date: "       " });
    expect(orderToDeliveryRow(order)).toStrictEqual(row);
  });

  it("warns about an impossible date instead of failing", () => {
    const { order, warnings } = deliveryRowToOrder(sampleDeliveryRow({ order_date: "1140230" }));
    expect(order.orderDate).toBeNull();
    expect(warnings.map((warning) => warning.code)).toEqual(["date-invalid"]);
  });

  it.each([
    [{ status: "08" }, "status-unknown"],
    [{ status: null }, "status-unknown"],
    [{ client_code: "ABC" }, "client-code-format"],
    [{ delivery_no: " " }, "delivery-no-blank"],
  ])("rejects %j with %s", (override, code) => {
    expect(() => deliveryRowToOrder(sampleDeliveryRow(override))).toThrow(LegacyRowRejectedError);
    try {
      deliveryRowToOrder(sampleDeliveryRow(override));
    } catch (error) {
      expect((error as LegacyRowRejectedError).reason.code).toBe(code);
    }
  });
});

describe("deliveries ⇄ orders round trip", () => {
  it("legacy → new → (JSON storage) → legacy is the identity on every column", () => {
    fc.assert(
      fc.property(mappable, (row) => {
        const { order } = deliveryRowToOrder(row);
        const stored = orderSchema.parse(JSON.parse(JSON.stringify(order)));
        expect(orderToDeliveryRow(stored)).toStrictEqual(row);
      }),
      { numRuns: 2000 },
    );
  });

  it("writes an edited status and items, not the stale legacy values", () => {
    fc.assert(
      fc.property(
        mappable,
        fc.constantFrom(...orderStatusSchema.options),
        fc.integer({ min: 1, max: 9 }),
        (row, status, quantity) => {
          const edited = {
            ...deliveryRowToOrder(row).order,
            status,
            items: [{ sizeKg: 16 as const, quantity }],
          };
          const reread = deliveryRowToOrder(orderToDeliveryRow(edited)).order;
          expect(reread).toMatchObject({ status, items: [{ sizeKg: 16, quantity }] });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
