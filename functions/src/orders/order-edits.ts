import { taipeiNow } from "../customers/customer-edits.js";
import { type Order, orderSchema } from "../domain/order.js";
import type { OrderCreateInput } from "../domain/order-input.js";
import { assertTransition, type OrderStatus } from "../domain/order-status.js";
import { isoToRocDate } from "../taiwan/roc-date.js";
import type { NewOrder } from "./order-store.js";

/** Today's date in Taipei as YYYY-MM-DD. */
export function taipeiToday(now: Date): string {
  return taipeiNow(now).slice(0, 10);
}

/** Delivery numbers are D + compact ROC date + a 4-digit daily sequence, e.g. D11511280001. */
export function deliveryNoPrefix(now: Date): string {
  const roc = isoToRocDate(taipeiToday(now), "compact");
  if (!roc.ok) throw roc.error;
  return `D${roc.value}`;
}

export function deliveryNo(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(4, "0")}`;
}

export function newOrder(input: OrderCreateInput, now: Date): NewOrder {
  const { customerCode, orderDate, ...fields } = input;
  return {
    customerCode,
    items: fields.items ?? [],
    meteredKg: fields.meteredKg ?? null,
    emptiesReturned: fields.emptiesReturned ?? 0,
    amount: fields.amount ?? null,
    status: "draft",
    driverCode: fields.driverCode ?? null,
    urgent: fields.urgent ?? false,
    remark: fields.remark ?? null,
    timeSlot: fields.timeSlot ?? "unspecified",
    orderDate: orderDate ?? taipeiToday(now),
    deliveryDate: fields.deliveryDate ?? null,
    updatedAt: taipeiNow(now),
    legacyRaw: {},
  };
}

/** The order after a status change; IllegalOrderTransitionError (409) when the table forbids it. */
export function transitioned(order: Order, to: OrderStatus, now: Date): Order {
  assertTransition(order.status, to);
  return orderSchema.parse({ ...order, status: to, updatedAt: taipeiNow(now) });
}
