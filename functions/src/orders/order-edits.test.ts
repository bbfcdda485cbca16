import { describe, expect, it } from "vitest";
import { deliveryNo, deliveryNoPrefix, newOrder, transitioned } from "./order-edits.js";

const now = new Date("2026-11-28T17:30:00Z"); // 01:30 on the 29th in Taipei

describe("order edits", () => {
  it("number orders by the Taipei date in ROC years", () => {
    expect(deliveryNoPrefix(now)).toBe("D1151129");
    expect(deliveryNo("D1151129", 42)).toBe("D11511290042");
  });

  it("start every order as a draft dated today in Taipei", () => {
    const order = newOrder({ customerCode: "1000000", meteredKg: "12.5" }, now);
    expect(order).toMatchObject({
      status: "draft",
      orderDate: "2026-11-29",
      items: [],
      meteredKg: "12.5",
      urgent: false,
    });
  });

  it("move only along the transition table", () => {
    const draft = { ...newOrder({ customerCode: "1000000", meteredKg: "1" }, now), id: "D11511290001" };
    expect(transitioned(draft, "confirmed", now).status).toBe("confirmed");
    expect(() => transitioned(draft, "delivered", now)).toThrow(
      expect.objectContaining({ code: "ORDER_ILLEGAL_TRANSITION" }),
    );
  });
});
