import { describe, expect, it } from "vitest";
import {
  assertTransition,
  canTransition,
  IllegalOrderTransitionError,
  isTerminalStatus,
  type OrderStatus,
  orderStatusSchema,
} from "./order-status.js";

const allowed: readonly [OrderStatus, OrderStatus][] = [
  ["draft", "confirmed"],
  ["draft", "cancelled"],
  ["confirmed", "assigned"],
  ["confirmed", "cancelled"],
  ["assigned", "in-delivery"],
  ["assigned", "confirmed"],
  ["assigned", "cancelled"],
  ["in-delivery", "delivered"],
  ["in-delivery", "failed"],
  ["failed", "confirmed"],
  ["failed", "cancelled"],
];
const statuses = orderStatusSchema.options;
const isAllowed = (from: OrderStatus, to: OrderStatus) => allowed.some(([f, t]) => f === from && t === to);

describe("order status transitions", () => {
  it.each(allowed)("%s → %s is allowed", (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it("rejects every other pair (all 49 checked) with a coded error", () => {
    let rejected = 0;
    for (const from of statuses) {
      for (const to of statuses) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(isAllowed(from, to));
        if (isAllowed(from, to)) continue;
        rejected += 1;
        const error = (() => {
          try {
            assertTransition(from, to);
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(IllegalOrderTransitionError);
        expect(error).toMatchObject({ code: "ORDER_ILLEGAL_TRANSITION", from, to });
      }
    }
    expect(rejected).toBe(49 - allowed.length);
  });

  it("treats delivered and cancelled as terminal, and only those", () => {
    expect(statuses.filter(isTerminalStatus)).toEqual(["delivered", "cancelled"]);
  });
});
