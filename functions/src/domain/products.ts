import { z } from "zod";
import { nonNegativeIntSchema } from "./primitives.js";

export const cylinderSizesKg = [50, 20, 16, 10, 4] as const;
export const cylinderSizeKgSchema = z.union(cylinderSizesKg.map((size) => z.literal(size)));
export type CylinderSizeKg = z.infer<typeof cylinderSizeKgSchema>;

/** Cylinder kinds a customer keeps on site (營 = propane, 好運, 瓶安, 幸福丸 are brands/variants). */
export const cylinderProducts = [
  "regular-50kg",
  "regular-20kg",
  "regular-16kg",
  "regular-10kg",
  "regular-4kg",
  "propane-20kg",
  "propane-16kg",
  "haoyun-20kg",
  "haoyun-16kg",
  "pingan-10kg",
  "xingfuwan-4kg",
] as const;
export type CylinderProduct = (typeof cylinderProducts)[number];

export const cylinderCountsSchema = z.strictObject(
  Object.fromEntries(cylinderProducts.map((product) => [product, nonNegativeIntSchema])) as Record<
    CylinderProduct,
    typeof nonNegativeIntSchema
  >,
);
export type CylinderCounts = z.infer<typeof cylinderCountsSchema>;

export const productAttributeSchema = z.enum(["regular", "haoyun", "pingan", "propane", "xingfuwan"]);
export const pricingMethodSchema = z.enum(["cylinder", "metered"]);

export const productSchema = z.strictObject({
  code: z.string().min(1).max(6),
  name: z.string().min(1),
  sizeKg: cylinderSizeKgSchema,
  method: pricingMethodSchema,
  attribute: productAttributeSchema,
  /** NT$ per cylinder, or per kg when metered. */
  unitPrice: nonNegativeIntSchema,
});
export type Product = z.infer<typeof productSchema>;
