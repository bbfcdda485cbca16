import { z } from "zod";

/**
 * Rows of the vendor's legacy tables exactly as the `pg` driver returns them.
 * varchar/char → string (char(n) comes back blank-padded), smallint/integer → number,
 * numeric → string (kept as text so money and kg never pass through a float).
 * Every nullable column is nullable here too: the vendor app writes NULLs freely.
 */
const text = z.string().nullable();
const integer = z.number().int().nullable();
const numericText = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .nullable();

export const cylinderColumns = [
  "cyl_50",
  "cyl_20",
  "cyl_16",
  "cyl_10",
  "cyl_4",
  "cyl_ying20",
  "cyl_ying16",
  "cyl_haoyun20",
  "cyl_haoyun16",
  "cyl_pingan10",
  "cyl_xingfuwan",
] as const;
export type CylinderColumn = (typeof cylinderColumns)[number];

export const legacyClientRowSchema = z.strictObject({
  client_code: z.string(),
  short_name: z.string(),
  invoice_title: text,
  tax_id: text,
  address: z.string(),
  phone: text,
  area: text,
  client_type: text,
  pricing_method: text,
  payment_method: text,
  cyl_50: integer,
  cyl_20: integer,
  cyl_16: integer,
  cyl_10: integer,
  cyl_4: integer,
  cyl_ying20: integer,
  cyl_ying16: integer,
  cyl_haoyun20: integer,
  cyl_haoyun16: integer,
  cyl_pingan10: integer,
  cyl_xingfuwan: integer,
  time_slot: text,
  vehicle: text,
  closed_days: text,
  subscription: text,
  same_day: text,
  terminated: text,
  avg_daily_kg: numericText,
  max_cycle_days: integer,
  can_delay_days: integer,
  monthly_kg: numericText,
  credit_limit: integer,
  balance: integer,
  remark: text,
  upd_date: text,
  upd_time: text,
});
export type LegacyClientRow = z.infer<typeof legacyClientRowSchema>;

export const deliveryQuantityColumns = ["qty_50", "qty_20", "qty_16", "qty_10", "qty_4"] as const;

export const legacyDeliveryRowSchema = z.strictObject({
  delivery_no: z.string(),
  client_code: z.string(),
  order_date: text,
  delivery_date: text,
  time_slot: text,
  qty_50: integer,
  qty_20: integer,
  qty_16: integer,
  qty_10: integer,
  qty_4: integer,
  flow_kg: numericText,
  empties_returned: integer,
  amount: integer,
  status: text,
  driver_code: text,
  urgent: text,
  remark: text,
  upd_date: text,
  upd_time: text,
});
export type LegacyDeliveryRow = z.infer<typeof legacyDeliveryRowSchema>;

export const legacyProductRowSchema = z.strictObject({
  product_code: z.string(),
  name: z.string(),
  size_kg: z.number().int(),
  method: z.string(),
  attribute: z.string(),
  unit_price: z.number().int(),
});
export type LegacyProductRow = z.infer<typeof legacyProductRowSchema>;

export const legacyDriverRowSchema = z.strictObject({
  driver_code: z.string(),
  name: z.string(),
  phone: text,
  plate: text,
});
export type LegacyDriverRow = z.infer<typeof legacyDriverRowSchema>;

/** Column lists in table order, for INSERT/SELECT statements built from one source. */
export const legacyClientColumns = Object.keys(legacyClientRowSchema.shape) as (keyof LegacyClientRow)[];
export const legacyDeliveryColumns = Object.keys(
  legacyDeliveryRowSchema.shape,
) as (keyof LegacyDeliveryRow)[];
