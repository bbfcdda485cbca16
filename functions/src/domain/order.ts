import { z } from "zod";
import { timeSlotSchema } from "./customer.js";
import { orderStatusSchema } from "./order-status.js";
import {
  customerCodeSchema,
  decimalStringSchema,
  isoDateSchema,
  isoTimestampSchema,
  legacyRawSchema,
  nonNegativeIntSchema,
} from "./primitives.js";
import { cylinderSizeKgSchema } from "./products.js";

/** One line per cylinder size; the vendor's deliveries table counts cylinders by size only. */
export const orderItemSchema = z.strictObject({
  sizeKg: cylinderSizeKgSchema,
  quantity: z.number().int().positive(),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

export const orderItemsSchema = z
  .array(orderItemSchema)
  .refine((items) => new Set(items.map((item) => item.sizeKg)).size === items.length, {
    message: "one line per cylinder size",
  });

export const orderSchema = z.strictObject({
  /** The legacy delivery_no (D + ROC date + 4-digit sequence); varchar(14) bounds it in legacy. */
  id: z.string().min(1),
  customerCode: customerCodeSchema,
  items: orderItemsSchema,
  /** Metered (流量) customers are billed by kg read from the meter. */
  meteredKg: decimalStringSchema.nullable(),
  emptiesReturned: nonNegativeIntSchema,
  /** NT$ including tax; NULL when the office never priced it. */
  amount: z.number().int().nullable(),
  status: orderStatusSchema,
  driverCode: z.string().nullable(),
  urgent: z.boolean(),
  remark: z.string().nullable(),
  timeSlot: timeSlotSchema,
  orderDate: isoDateSchema.nullable(),
  deliveryDate: isoDateSchema.nullable(),
  updatedAt: isoTimestampSchema.nullable(),
  legacyRaw: legacyRawSchema,
});
export type Order = z.infer<typeof orderSchema>;
