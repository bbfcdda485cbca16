import { describe, expect, it } from "vitest";
import { type Order, orderSchema } from "./order.js";
import {
  orderCreateInputSchema,
  orderPatchInputSchema,
  orderStatusChangeInputSchema,
} from "./order-input.js";

const order: Order = {
  id: "D11411280007",
  customerCode: "0100001",
  items: [{ sizeKg: 20, quantity: 2 }],
  meteredKg: null,
  emptiesReturned: 2,
  amount: 1640,
  status: "confirmed",
  driverCode: "DR01",
  urgent: false,
  remark: null,
  timeSlot: "afternoon",
  orderDate: "2025-11-28",
  deliveryDate: null,
  updatedAt: "2025-11-28T09:30:05+08:00",
  legacyRaw: {},
};

describe("orderSchema", () => {
  it("accepts an order and rejects two lines for one size", () => {
    expect(orderSchema.parse(order)).toEqual(order);
    const duplicated = { ...order, items: [...order.items, { sizeKg: 20, quantity: 1 }] };
    expect(orderSchema.safeParse(duplicated).success).toBe(false);
  });

  it("rejects sizes that do not exist and unknown statuses", () => {
    expect(orderSchema.safeParse({ ...order, items: [{ sizeKg: 25, quantity: 1 }] }).success).toBe(false);
    expect(orderSchema.safeParse({ ...order, status: "05" }).success).toBe(false);
  });
});

describe("order API inputs", () => {
  it("needs cylinders or a metered quantity to create", () => {
    expect(
      orderCreateInputSchema.safeParse({ customerCode: "0100001", items: [{ sizeKg: 20, quantity: 1 }] })
        .success,
    ).toBe(true);
    expect(orderCreateInputSchema.safeParse({ customerCode: "0100001", meteredKg: "12.5" }).success).toBe(
      true,
    );
    expect(orderCreateInputSchema.safeParse({ customerCode: "0100001" }).success).toBe(false);
    expect(
      orderCreateInputSchema.safeParse({ customerCode: "0100001", meteredKg: "1", status: "delivered" })
        .success,
    ).toBe(false);
  });

  it("does not let a patch change the status", () => {
    expect(orderPatchInputSchema.safeParse({ urgent: true }).success).toBe(true);
    expect(orderPatchInputSchema.safeParse({ status: "delivered" }).success).toBe(false);
    expect(orderStatusChangeInputSchema.parse({ to: "assigned" })).toEqual({ to: "assigned" });
  });
});
