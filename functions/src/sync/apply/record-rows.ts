import { type Customer, customerSchema } from "../../domain/customer.js";
import { type Order, orderSchema } from "../../domain/order.js";
import {
  type LegacyClientRow,
  type LegacyDeliveryRow,
  legacyClientColumns,
  legacyClientRowSchema,
  legacyDeliveryColumns,
  legacyDeliveryRowSchema,
} from "../../legacy/legacy-rows.js";
import {
  clientRowRejection,
  clientRowToCustomer,
  customerToClientRow,
} from "../../legacy/mapping/client-mapping.js";
import {
  deliveryRowRejection,
  deliveryRowToOrder,
  orderToDeliveryRow,
} from "../../legacy/mapping/delivery-mapping.js";
import type { ChangeMessage, SyncEntity } from "../change-message.js";
import type { FlatRow } from "../ledger/sync-ledger.js";
import { PermanentApplyError } from "./apply-errors.js";

export const columnsOf: Record<SyncEntity, readonly string[]> = {
  customer: legacyClientColumns,
  order: legacyDeliveryColumns,
};
export const tableOf: Record<SyncEntity, { table: string; keyColumn: string }> = {
  customer: { table: "clients", keyColumn: "client_code" },
  order: { table: "deliveries", keyColumn: "delivery_no" },
};

/** A domain record stored in Firestore → legacy-row column space. */
export function domainToRow(entity: SyncEntity, data: unknown): FlatRow {
  return entity === "customer"
    ? customerToClientRow(customerSchema.parse(data))
    : orderToDeliveryRow(orderSchema.parse(data));
}

/** A legacy row → the domain record to store, keeping the new-only fields of the current record. */
export function rowToDomain(entity: SyncEntity, row: FlatRow, current: unknown): Customer | Order {
  if (entity === "order") return deliveryRowToOrder(legacyDeliveryRowSchema.parse(row)).order;
  const customer = clientRowToCustomer(legacyClientRowSchema.parse(row)).customer;
  const kept = current ? customerSchema.parse(current) : undefined;
  return kept ? { ...customer, migration: kept.migration, createdAt: kept.createdAt } : customer;
}

/** The incoming change's record in row space, validated; PermanentApplyError when it can never apply. */
export function incomingRow(message: ChangeMessage): FlatRow {
  if (message.data === null) throw new PermanentApplyError("upsert without data");
  const row = message.source === "legacy" ? legacyRow(message) : newRow(message);
  const keyColumn = tableOf[message.entity].keyColumn;
  if (row[keyColumn] !== message.key)
    throw new PermanentApplyError(`${keyColumn} does not match the message key`);
  if (row.client_code !== message.customerCode)
    throw new PermanentApplyError("client_code does not match the message's customerCode");
  return row;
}

function legacyRow(message: ChangeMessage): FlatRow {
  const schema = message.entity === "customer" ? legacyClientRowSchema : legacyDeliveryRowSchema;
  const parsed = schema.safeParse(message.data);
  if (!parsed.success)
    throw new PermanentApplyError(`legacy row invalid: ${parsed.error.issues[0]?.message}`);
  const rejection =
    message.entity === "customer"
      ? clientRowRejection(parsed.data as LegacyClientRow)
      : deliveryRowRejection(parsed.data as LegacyDeliveryRow);
  if (rejection) throw new PermanentApplyError(`legacy row rejected: ${rejection.code}`);
  return parsed.data;
}

function newRow(message: ChangeMessage): FlatRow {
  const schema = message.entity === "customer" ? customerSchema : orderSchema;
  const parsed = schema.safeParse(message.data);
  if (!parsed.success)
    throw new PermanentApplyError(`${message.entity} invalid: ${parsed.error.issues[0]?.message}`);
  return domainToRow(message.entity, parsed.data);
}

/** Firestore refuses `undefined`; a JSON trip drops such keys as the domain schemas allow. */
export function firestoreSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
