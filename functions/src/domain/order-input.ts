import { z } from "zod";
import { timeSlotSchema } from "./customer.js";
import { orderItemsSchema } from "./order.js";
import { orderStatusSchema } from "./order-status.js";
import {
  customerCodeSchema,
  decimalStringSchema,
  isoDateSchema,
  nonNegativeIntSchema,
} from "./primitives.js";

/** Status is not editable here: it moves only through orderStatusChangeInputSchema. */
const editableOrderFields = {
  items: orderItemsSchema,
  meteredKg: decimalStringSchema.nullable(),
  emptiesReturned: nonNegativeIntSchema,
  amount: nonNegativeIntSchema.nullable(),
  driverCode: z.string().min(1).max(6).nullable(),
  urgent: z.boolean(),
  remark: z.string().max(2000).nullable(),
  timeSlot: timeSlotSchema,
  deliveryDate: isoDateSchema.nullable(),
};

const orderCreateFields = z
  .strictObject(editableOrderFields)
  .partial()
  .extend({ customerCode: customerCodeSchema, orderDate: isoDateSchema.optional() });
const hasQuantity = [
  (order: { items?: unknown[]; meteredKg?: string | null }) =>
    (order.items?.length ?? 0) > 0 || order.meteredKg != null,
  { message: "an order has cylinders or a metered quantity" },
] as const;

export const orderCreateInputSchema = orderCreateFields.refine(...hasQuantity);
/** The body of `POST /v1/customers/{code}/orders`: the path names the customer, the body may repeat it. */
export const orderCreateBodySchema = orderCreateFields
  .extend({ customerCode: customerCodeSchema.optional() })
  .refine(...hasQuantity);
export type OrderCreateInput = z.infer<typeof orderCreateInputSchema>;

export const orderPatchInputSchema = z
  .strictObject(editableOrderFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "a patch changes at least one field" });
export type OrderPatchInput = z.infer<typeof orderPatchInputSchema>;

export const orderStatusChangeInputSchema = z.strictObject({ to: orderStatusSchema });
