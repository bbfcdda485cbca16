import { type Customer, customerSchema } from "../../domain/customer.js";
import { type LegacyClientRow, legacyClientRowSchema } from "../legacy-rows.js";
import { areaCodec } from "./area-codec.js";
import {
  customerTypeCodec,
  cylindersCodec,
  paymentMethodCodec,
  pricingMethodCodec,
  vehicleCodec,
} from "./client-codecs.js";
import { type ColumnCodec, LosslessReader, writeLossless } from "./column-codec.js";
import { type Finding, LegacyRowRejectedError, type RejectionReason } from "./findings.js";
import { flag, timeSlot, updatedAt } from "./shared-codecs.js";
import { addressCodec, closedDaysCodec, phoneCodec, taxIdCodec } from "./text-codecs.js";

type Row = LegacyClientRow;

export interface MappedCustomer {
  customer: Customer;
  repairs: Finding[];
  warnings: Finding[];
}

/** Why a row that passed the row schema still cannot be a customer; undefined when it can. */
export function clientRowRejection(row: Row): RejectionReason | undefined {
  if (!/^\d{7}$/.test(row.client_code)) {
    return {
      code: "client-code-format",
      detail: `client_code ${JSON.stringify(row.client_code)} is not 7 digits`,
    };
  }
  return undefined;
}

/** Legacy row → Customer. Throws LegacyRowRejectedError only for rows clientRowRejection refuses. */
export function clientRowToCustomer(row: Row): MappedCustomer {
  const rejection = clientRowRejection(row);
  if (rejection) throw new LegacyRowRejectedError(rejection);
  const read = new LosslessReader<Row>(row);
  const customer: Customer = {
    code: row.client_code,
    shortName: row.short_name,
    invoiceTitle: row.invoice_title,
    taxId: read.read(taxIdCodec),
    address: read.read(addressCodec),
    phones: read.read(phoneCodec),
    area: read.read(areaCodec),
    customerType: read.read(customerTypeCodec),
    pricingMethod: read.read(pricingMethodCodec),
    paymentMethod: read.read(paymentMethodCodec),
    cylinders: read.read(cylindersCodec),
    timeSlot: read.read(timeSlot<Row, "time_slot">("time_slot")),
    vehicle: read.read(vehicleCodec),
    closedDays: read.read(closedDaysCodec),
    subscription: read.read(flag<Row, "subscription">("subscription")),
    sameDay: read.read(flag<Row, "same_day">("same_day")),
    terminated: read.read(flag<Row, "terminated">("terminated")),
    usage: {
      avgDailyKg: row.avg_daily_kg,
      maxCycleDays: row.max_cycle_days,
      canDelayDays: row.can_delay_days,
      monthlyKg: row.monthly_kg,
    },
    creditLimit: row.credit_limit,
    balance: row.balance,
    remark: row.remark,
    updatedAt: read.read(updatedAt<Row, "upd_date", "upd_time">("upd_date", "upd_time")),
    createdAt: null,
    migration: { stage: "off" },
    legacyRaw: {},
  };
  customer.legacyRaw = read.legacyRaw;
  return { customer: customerSchema.parse(customer), repairs: read.repairs, warnings: read.warnings };
}

const columnSchemas = legacyClientRowSchema.shape;

/** Customer → legacy row; the identity on rows that came from clientRowToCustomer. */
export function customerToClientRow(customer: Customer): Row {
  const write = <K extends keyof Row & string, V>(codec: ColumnCodec<Row, K, V>, value: V) =>
    writeLossless<Row, K, V>(codec, value, customer.legacyRaw, columnSchemas);
  return {
    client_code: customer.code,
    short_name: customer.shortName,
    invoice_title: customer.invoiceTitle,
    ...write(taxIdCodec, customer.taxId),
    ...write(addressCodec, customer.address),
    ...write(phoneCodec, customer.phones),
    ...write(areaCodec, customer.area),
    ...write(customerTypeCodec, customer.customerType),
    ...write(pricingMethodCodec, customer.pricingMethod),
    ...write(paymentMethodCodec, customer.paymentMethod),
    ...write(cylindersCodec, customer.cylinders),
    ...write(timeSlot<Row, "time_slot">("time_slot"), customer.timeSlot),
    ...write(vehicleCodec, customer.vehicle),
    ...write(closedDaysCodec, customer.closedDays),
    ...write(flag<Row, "subscription">("subscription"), customer.subscription),
    ...write(flag<Row, "same_day">("same_day"), customer.sameDay),
    ...write(flag<Row, "terminated">("terminated"), customer.terminated),
    avg_daily_kg: customer.usage.avgDailyKg,
    max_cycle_days: customer.usage.maxCycleDays,
    can_delay_days: customer.usage.canDelayDays,
    monthly_kg: customer.usage.monthlyKg,
    credit_limit: customer.creditLimit,
    balance: customer.balance,
    remark: customer.remark,
    ...write(updatedAt<Row, "upd_date", "upd_time">("upd_date", "upd_time"), customer.updatedAt),
  };
}
