import type { Customer } from "../domain/customer.js";
import type { Order } from "../domain/order.js";
import type { OrderStatus } from "../domain/order-status.js";

/**
 * Told after an order's status change is committed. Implemented by the SMS feature
 * (functions/src/sms/); it must never throw: a provider outage never fails a transition.
 */
export interface OrderNotifier {
  orderStatusChanged(change: {
    order: Order;
    customer: Customer;
    from: OrderStatus;
    to: OrderStatus;
  }): Promise<void>;
}
