import { z } from "zod";
import { customerTypeSchema, paymentMethodSchema, timeSlotSchema, vehicleSchema } from "./customer.js";
import { closedDaysSchema, usageSchema } from "./customer-parts.js";
import { customerCodeSchema, nonNegativeIntSchema } from "./primitives.js";
import { cylinderCountsSchema, pricingMethodSchema } from "./products.js";

/**
 * What the API accepts. Free-text fields arrive as the office would type them (address,
 * phones, tax id) and the server derives the structured parts with the taiwan/ parsers, so
 * the derived parts can never disagree with the text. Every object is strict: a misspelt
 * field is an error, not silently dropped.
 */
const editableCustomerFields = {
  shortName: z.string().trim().min(1).max(40),
  invoiceTitle: z.string().max(100).nullable(),
  taxId: z.string().max(10).nullable(),
  address: z.string().trim().min(1).max(200),
  phones: z.string().max(80).nullable(),
  areaCode: z
    .string()
    .regex(/^[A-Z]$/)
    .nullable(),
  customerType: customerTypeSchema,
  pricingMethod: pricingMethodSchema,
  paymentMethod: paymentMethodSchema,
  cylinders: cylinderCountsSchema.partial(),
  timeSlot: timeSlotSchema,
  vehicle: vehicleSchema,
  closedDays: closedDaysSchema.omit({ raw: true, unparsed: true, repaired: true }),
  subscription: z.boolean(),
  sameDay: z.boolean(),
  terminated: z.boolean(),
  usage: usageSchema.partial(),
  creditLimit: nonNegativeIntSchema.nullable(),
  remark: z.string().max(2000).nullable(),
};

/** Creating needs the identity, a name and an address; everything else has a default. */
export const customerCreateInputSchema = z.strictObject(editableCustomerFields).partial().extend({
  code: customerCodeSchema,
  shortName: editableCustomerFields.shortName,
  address: editableCustomerFields.address,
});
export type CustomerCreateInput = z.infer<typeof customerCreateInputSchema>;

export const customerPatchInputSchema = z
  .strictObject(editableCustomerFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "a patch changes at least one field" });
export type CustomerPatchInput = z.infer<typeof customerPatchInputSchema>;
