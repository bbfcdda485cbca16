import { z } from "zod";
import { isValidTaxId } from "../taiwan/tax-id.js";
import {
  addressSchema,
  areaSchema,
  closedDaysSchema,
  phonesSchema,
  taxIdSchema,
  usageSchema,
} from "./customer-parts.js";
import {
  customerCodeSchema,
  isoTimestampSchema,
  legacyRawSchema,
  nonNegativeIntSchema,
} from "./primitives.js";
import { cylinderCountsSchema, pricingMethodSchema } from "./products.js";

export const customerTypeSchema = z.enum([
  "residential",
  "commercial",
  "night-market",
  "school",
  "market",
  "food-truck",
  "banquet",
]);
export type CustomerType = z.infer<typeof customerTypeSchema>;

export const paymentMethodSchema = z.enum(["cash", "monthly", "unspecified"]);
export const timeSlotSchema = z.enum(["all-day", "morning", "afternoon", "evening", "unspecified"]);
export const vehicleSchema = z.enum(["car", "motorcycle", "any"]);

/** Where a customer is in its own migration; the control plane moves it one stage at a time. */
/** LaunchDarkly's six migration stages, in rollout order: the one definition of a stage. */
export const migrationStages = ["off", "dualwrite", "shadow", "live", "rampdown", "complete"] as const;
export const migrationStageSchema = z.enum(migrationStages);
export type MigrationStage = z.infer<typeof migrationStageSchema>;

export const customerMigrationSchema = z.strictObject({
  stage: migrationStageSchema,
  cohort: z.string().min(1).optional(),
  wave: nonNegativeIntSchema.optional(),
});

export const customerSchema = z
  .strictObject({
    code: customerCodeSchema,
    shortName: z.string(),
    invoiceTitle: z.string().nullable(),
    taxId: taxIdSchema,
    address: addressSchema,
    phones: phonesSchema,
    area: areaSchema,
    customerType: customerTypeSchema,
    pricingMethod: pricingMethodSchema,
    paymentMethod: paymentMethodSchema,
    cylinders: cylinderCountsSchema,
    timeSlot: timeSlotSchema,
    vehicle: vehicleSchema,
    closedDays: closedDaysSchema,
    subscription: z.boolean(),
    sameDay: z.boolean(),
    terminated: z.boolean(),
    usage: usageSchema,
    /** NT$; NULL in legacy means "never set", which is not the same as 0. */
    creditLimit: z.number().int().nullable(),
    balance: z.number().int().nullable(),
    remark: z.string().nullable(),
    updatedAt: isoTimestampSchema.nullable(),
    createdAt: isoTimestampSchema.nullable(),
    migration: customerMigrationSchema,
    legacyRaw: legacyRawSchema,
  })
  .refine((customer) => customer.taxId.valid === isValidTaxId(customer.taxId.value ?? ""), {
    path: ["taxId", "valid"],
    message: "taxId.valid must be the 統一編號 checksum of taxId.value",
  });
export type Customer = z.infer<typeof customerSchema>;
