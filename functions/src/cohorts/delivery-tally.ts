import type { Order } from "../domain/order.js";
import type { Classification } from "../legacy/mapping/classify.js";

/** Per customer: what the cohort facts need from the delivery history. */
export interface DeliveryFacts {
  deliveries90d: number;
  orderValue90d: number;
  hasActiveOrder: boolean;
  /** A delivery row of the customer the import rejects: the backfill could not copy the history whole. */
  hasRejectedDelivery: boolean;
}

const activeStatuses: ReadonlySet<Order["status"]> = new Set(["confirmed", "assigned", "in-delivery"]);

export function noDeliveries(): DeliveryFacts {
  return { deliveries90d: 0, orderValue90d: 0, hasActiveOrder: false, hasRejectedDelivery: false };
}

/**
 * Folds classified delivery rows into per-customer facts. A delivery counts towards the 90 days
 * when its delivery date (or, unscheduled, its order date) is on or after `sinceIso`; cancelled
 * orders moved nothing and do not count. Credits (negative amounts) do not lower the order value:
 * it measures money in motion, not the balance.
 */
export class DeliveryTally {
  private readonly byCustomer = new Map<string, DeliveryFacts>();

  constructor(private readonly sinceIso: string) {}

  add(verdict: Classification<Order>, rowClientCode: string | null): void {
    if (verdict.outcome === "rejected") {
      if (rowClientCode !== null) this.entry(rowClientCode).hasRejectedDelivery = true;
      return;
    }
    const order = verdict.record;
    const facts = this.entry(order.customerCode);
    if (activeStatuses.has(order.status)) facts.hasActiveOrder = true;
    const day = order.deliveryDate ?? order.orderDate;
    if (order.status === "cancelled" || day === null || day < this.sinceIso) return;
    facts.deliveries90d += 1;
    facts.orderValue90d += Math.max(order.amount ?? 0, 0);
  }

  of(customerCode: string): DeliveryFacts {
    return this.byCustomer.get(customerCode) ?? noDeliveries();
  }

  private entry(customerCode: string): DeliveryFacts {
    let facts = this.byCustomer.get(customerCode);
    if (!facts) {
      facts = noDeliveries();
      this.byCustomer.set(customerCode, facts);
    }
    return facts;
  }
}
