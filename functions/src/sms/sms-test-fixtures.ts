import type { Customer } from "../domain/customer.js";
import type { Order } from "../domain/order.js";
import { clientRowToCustomer } from "../legacy/mapping/client-mapping.js";
import { deliveryRowToOrder } from "../legacy/mapping/delivery-mapping.js";
import { sampleClientRow, sampleDeliveryRow } from "../legacy/mapping/legacy-fixtures.js";

/** A synthetic customer at a migration stage with the given phone cell (tests only). */
export function smsCustomer(
  stage: Customer["migration"]["stage"],
  phone: string | null = "0912345678",
): Customer {
  const { customer } = clientRowToCustomer(sampleClientRow({ phone }));
  return { ...customer, migration: { stage } };
}

/** A synthetic order (D11411280007, NT$1,900, driver DR01, delivery 2025-11-29 afternoon). */
export function smsOrder(overrides: Partial<Order> = {}): Order {
  return { ...deliveryRowToOrder(sampleDeliveryRow()).order, ...overrides };
}
