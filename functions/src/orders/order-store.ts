import type { AuditDraft } from "../audit/audit-draft.js";
import type { Versioned } from "../customers/customer-store.js";
import type { Order } from "../domain/order.js";
import type { Precondition } from "../shared/precondition.js";

export interface OrderPage {
  items: Order[];
  /** Last id of this page when more may follow (ids sort by date, so newest first is id descending). */
  lastId?: string;
}

/** An order before the side that stores it has given it its delivery number. */
export type NewOrder = Omit<Order, "id">;

/** One side (legacy or new) of order storage; `update` checks `precondition` inside its transaction. */
export interface OrderSide {
  get(id: string): Promise<Versioned<Order> | undefined>;
  listForCustomer(customerCode: string, pageSize: number, before?: string): Promise<OrderPage>;
  /** Assigns the delivery number; NotFoundError when the customer does not exist on this side. */
  create(order: NewOrder, audit: AuditDraft): Promise<Versioned<Order>>;
  update(
    id: string,
    precondition: Precondition,
    change: (current: Order) => Order,
    audit: AuditDraft,
  ): Promise<{ before: Order; after: Versioned<Order> }>;
}
