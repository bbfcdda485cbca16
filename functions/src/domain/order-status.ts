import { z } from "zod";
import { DomainError } from "./domain-error.js";

export const orderStatusSchema = z.enum([
  "draft",
  "confirmed",
  "assigned",
  "in-delivery",
  "delivered",
  "cancelled",
  "failed",
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/**
 * Allowed moves. delivered and cancelled are terminal: a delivered order has moved gas and
 * money (a correction is a new order or a credit, so history stays auditable), and a
 * cancelled order may already have been reported to the customer — re-opening it would
 * make two systems disagree about whether a truck is coming. assigned → confirmed un-assigns
 * a driver; failed → confirmed retries the same order.
 */
export const orderStatusTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ["confirmed", "cancelled"],
  confirmed: ["assigned", "cancelled"],
  assigned: ["in-delivery", "confirmed", "cancelled"],
  "in-delivery": ["delivered", "failed"],
  delivered: [],
  cancelled: [],
  failed: ["confirmed", "cancelled"],
};

export class IllegalOrderTransitionError extends DomainError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super("ORDER_ILLEGAL_TRANSITION", `an order cannot go from ${from} to ${to}`);
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return orderStatusTransitions[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalOrderTransitionError(from, to);
}

export function isTerminalStatus(status: OrderStatus): boolean {
  return orderStatusTransitions[status].length === 0;
}
