import { type Order, type OrderItem, orderSchema } from "../../domain/order.js";
import type { OrderStatus } from "../../domain/order-status.js";
import type { CylinderSizeKg } from "../../domain/products.js";
import { type LegacyDeliveryRow, legacyDeliveryRowSchema } from "../legacy-rows.js";
import { type ColumnCodec, LosslessReader, writeLossless } from "./column-codec.js";
import { type Finding, LegacyRowRejectedError, type RejectionReason } from "./findings.js";
import { count, enumCode, flag, rocDate, timeSlot, updatedAt } from "./shared-codecs.js";

type Row = LegacyDeliveryRow;
type QuantityColumn = "qty_50" | "qty_20" | "qty_16" | "qty_10" | "qty_4";

export const deliveryStatusCodes: Readonly<Record<OrderStatus, string>> = {
  draft: "01",
  confirmed: "02",
  assigned: "03",
  "in-delivery": "04",
  delivered: "05",
  cancelled: "06",
  failed: "07",
};
const knownStatusCodes = new Set(Object.values(deliveryStatusCodes));

/** An unknown status is rejected before mapping, so `unknown` here is never reached. */
const statusCodec = enumCode<Row, "status", OrderStatus>("status", {
  canonical: deliveryStatusCodes,
  blank: "draft",
  unknown: { value: "draft", warning: "status-unknown" },
});

const sizeByColumn: readonly [QuantityColumn, CylinderSizeKg][] = [
  ["qty_50", 50],
  ["qty_20", 20],
  ["qty_16", 16],
  ["qty_10", 10],
  ["qty_4", 4],
];

/** qty_* ⇄ one item per size with a positive quantity; NULL and 0 both mean none. */
const itemsCodec: ColumnCodec<Row, QuantityColumn, OrderItem[]> = {
  columns: sizeByColumn.map(([column]) => column),
  decode: (raw) => {
    const items: OrderItem[] = [];
    const repairs: Finding[] = [];
    for (const [column, sizeKg] of sizeByColumn) {
      const quantity = count<Row, QuantityColumn>(column).decode(raw);
      if (quantity.value > 0) items.push({ sizeKg, quantity: quantity.value });
      repairs.push(...(quantity.repairs ?? []));
    }
    return { value: items, repairs };
  },
  encode: (items) =>
    Object.fromEntries(
      sizeByColumn.map(([column, sizeKg]) => [
        column,
        items.find((item) => item.sizeKg === sizeKg)?.quantity ?? 0,
      ]),
    ) as Pick<Row, QuantityColumn>,
};

export interface MappedOrder {
  order: Order;
  repairs: Finding[];
  warnings: Finding[];
}

/** Why a schema-valid delivery row cannot be an order; undefined when it can. */
export function deliveryRowRejection(row: Row): RejectionReason | undefined {
  if (row.delivery_no.trim() === "") return { code: "delivery-no-blank", detail: "delivery_no is blank" };
  if (!/^\d{7}$/.test(row.client_code)) {
    return {
      code: "client-code-format",
      detail: `client_code ${JSON.stringify(row.client_code)} is not 7 digits`,
    };
  }
  if (row.status === null || !knownStatusCodes.has(row.status.trim())) {
    return { code: "status-unknown", detail: `status ${JSON.stringify(row.status)} is not 01–07` };
  }
  return undefined;
}

export function deliveryRowToOrder(row: Row): MappedOrder {
  const rejection = deliveryRowRejection(row);
  if (rejection) throw new LegacyRowRejectedError(rejection);
  const read = new LosslessReader<Row>(row);
  // D: numbered by the vendor's side; N: by the new system (orders/order-edits.ts).
  const warnings: Finding[] = /^[DN]\d{11}$/.test(row.delivery_no)
    ? []
    : [{ code: "delivery-no-format", field: "delivery_no", detail: "not D/N + ROC date + 4-digit sequence" }];
  const order: Order = {
    id: row.delivery_no,
    customerCode: row.client_code,
    items: read.read(itemsCodec),
    meteredKg: row.flow_kg,
    emptiesReturned: read.read(count<Row, "empties_returned">("empties_returned")),
    amount: row.amount,
    status: read.read(statusCodec),
    driverCode: row.driver_code,
    urgent: read.read(flag<Row, "urgent">("urgent")),
    remark: row.remark,
    timeSlot: read.read(timeSlot<Row, "time_slot">("time_slot")),
    orderDate: read.read(rocDate<Row, "order_date">("order_date")),
    deliveryDate: read.read(rocDate<Row, "delivery_date">("delivery_date")),
    updatedAt: read.read(updatedAt<Row, "upd_date", "upd_time">("upd_date", "upd_time")),
    legacyRaw: {},
  };
  order.legacyRaw = read.legacyRaw;
  return {
    order: orderSchema.parse(order),
    repairs: read.repairs,
    warnings: [...warnings, ...read.warnings],
  };
}

const columnSchemas = legacyDeliveryRowSchema.shape;

/** Order → legacy row; the identity on rows that came from deliveryRowToOrder. */
export function orderToDeliveryRow(order: Order): Row {
  const write = <K extends keyof Row & string, V>(codec: ColumnCodec<Row, K, V>, value: V) =>
    writeLossless<Row, K, V>(codec, value, order.legacyRaw, columnSchemas);
  return {
    delivery_no: order.id,
    client_code: order.customerCode,
    ...write(rocDate<Row, "order_date">("order_date"), order.orderDate),
    ...write(rocDate<Row, "delivery_date">("delivery_date"), order.deliveryDate),
    ...write(timeSlot<Row, "time_slot">("time_slot"), order.timeSlot),
    ...write(itemsCodec, order.items),
    flow_kg: order.meteredKg,
    ...write(count<Row, "empties_returned">("empties_returned"), order.emptiesReturned),
    amount: order.amount,
    ...write(statusCodec, order.status),
    driver_code: order.driverCode,
    ...write(flag<Row, "urgent">("urgent"), order.urgent),
    remark: order.remark,
    ...write(updatedAt<Row, "upd_date", "upd_time">("upd_date", "upd_time"), order.updatedAt),
  };
}
