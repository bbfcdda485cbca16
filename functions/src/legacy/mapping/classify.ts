import type { Customer } from "../../domain/customer.js";
import type { Order } from "../../domain/order.js";
import { legacyClientRowSchema, legacyDeliveryRowSchema } from "../legacy-rows.js";
import { clientRowToCustomer } from "./client-mapping.js";
import { deliveryRowToOrder } from "./delivery-mapping.js";
import { type Finding, LegacyRowRejectedError, type RejectionReason } from "./findings.js";

/**
 * The import's verdict on one row. `key` is the row's primary key when it has one, so a
 * report can point at the rows to look at. Warnings never change the outcome.
 */
export type Classification<T> =
  | { outcome: "imported"; key: string | null; record: T; warnings: Finding[] }
  | { outcome: "repaired"; key: string | null; record: T; repairs: Finding[]; warnings: Finding[] }
  | { outcome: "rejected"; key: string | null; reason: RejectionReason };

function keyOf(input: unknown, column: string): string | null {
  if (typeof input !== "object" || input === null) return null;
  const value = (input as Record<string, unknown>)[column];
  return typeof value === "string" ? value : null;
}

function verdict<T>(
  key: string | null,
  mapped: { record: T; repairs: Finding[]; warnings: Finding[] },
): Classification<T> {
  const { record, repairs, warnings } = mapped;
  return repairs.length === 0
    ? { outcome: "imported", key, record, warnings }
    : { outcome: "repaired", key, record, repairs, warnings };
}

/** Runs a mapping and turns every way it can fail into a coded rejection: nothing escapes. */
function classifyWith<T>(
  key: string | null,
  map: () => { record: T; repairs: Finding[]; warnings: Finding[] },
) {
  try {
    return verdict(key, map());
  } catch (error) {
    if (error instanceof LegacyRowRejectedError)
      return { outcome: "rejected", key, reason: error.reason } as const;
    // A mapped record that fails the domain schema is a mapping defect; report it, do not crash the run.
    return { outcome: "rejected", key, reason: { code: "mapping-failed", detail: String(error) } } as const;
  }
}

const schemaRejection = (error: { issues: { path: PropertyKey[]; message: string }[] }): RejectionReason => ({
  code: "row-schema",
  detail: error.issues.map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`).join("; "),
});

export function classifyClientRow(input: unknown): Classification<Customer> {
  const key = keyOf(input, "client_code");
  const row = legacyClientRowSchema.safeParse(input);
  if (!row.success) return { outcome: "rejected", key, reason: schemaRejection(row.error) };
  return classifyWith(key, () => {
    const { customer, repairs, warnings } = clientRowToCustomer(row.data);
    return { record: customer, repairs, warnings };
  });
}

/** `clientExists` answers whether the order's customer was imported (a Set's `has` will do). */
export function classifyDeliveryRow(
  input: unknown,
  clientExists: (code: string) => boolean,
): Classification<Order> {
  const key = keyOf(input, "delivery_no");
  const row = legacyDeliveryRowSchema.safeParse(input);
  if (!row.success) return { outcome: "rejected", key, reason: schemaRejection(row.error) };
  return classifyWith(key, () => {
    const { order, repairs, warnings } = deliveryRowToOrder(row.data);
    if (!clientExists(order.customerCode)) {
      throw new LegacyRowRejectedError({ code: "client-missing", detail: `no client ${order.customerCode}` });
    }
    return { record: order, repairs, warnings };
  });
}
