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

/**
 * Who numbers an order: the vendor's numbering (its application and our legacy-side creates) takes
 * today's highest `D` number plus one, and that cannot be changed. A new-side number in the same
 * space would be that maximum the moment it syncs to legacy, and the vendor's next order would take
 * the number the new side gives out next. So the new side numbers in a space of its own: `N`.
 */
export type NumberingSide = "legacy" | "new";
const sidePrefix: Record<NumberingSide, string> = { legacy: "D", new: "N" };

/** Delivery numbers are D (or N) + compact ROC date + a 4-digit daily sequence, e.g. D11511280001. */
export function deliveryNoPrefix(now: Date, side: NumberingSide = "legacy"): string {
  const roc = isoToRocDate(taipeiToday(now), "compact");
  if (!roc.ok) throw roc.error;
  return `${sidePrefix[side]}${roc.value}`;
}

/** Either side's numbers: the import report accepts both. */
export const deliveryNoPattern = /^[DN]\d{11}$/;

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
