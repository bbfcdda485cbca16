import { z } from "zod";
import { customerSchema, customerTypeSchema } from "../domain/customer.js";
import { areaSchema } from "../domain/customer-parts.js";
import { customerCodeSchema, nonNegativeIntSchema } from "../domain/primitives.js";
import { pricingMethodSchema } from "../domain/products.js";

/**
 * One customer as the cohort sampler sees it: the strata it falls in, the facts the exclusion
 * rules read, and the covariates the report balances. The loader that builds candidates (from
 * the customer records, the import report, the legacy deliveries and the migration assignments)
 * parses them with this schema; the sampler itself trusts the type.
 */
export const cohortCandidateSchema = z.strictObject({
  customerCode: customerCodeSchema,
  /** The route letter of the customer record; null when the legacy cell could not be read. */
  area: areaSchema.shape.code,
  clientType: customerTypeSchema,
  pricingMethod: pricingMethodSchema,
  terminated: z.boolean(),
  /** NT$, as on the customer record: null (never set) counts as 0 in sums and means. */
  balance: customerSchema.shape.balance,
  /** NT$, as on the customer record: null (never set) is no limit, so never exceeded. */
  creditLimit: customerSchema.shape.creditLimit,
  /** An order currently confirmed, assigned or in delivery. */
  hasActiveOrder: z.boolean(),
  /** The import report rejected the customer's legacy row. */
  rejectedByImport: z.boolean(),
  /** Already a member of another cohort or wave. */
  inOtherCohortOrWave: z.boolean(),
  /** Legacy deliveries in the last 90 days: the order-frequency band is derived from it. */
  deliveries90d: nonNegativeIntSchema,
  /** Average kg per month; only a covariate of the report, so a float is fine here. */
  monthlyKg: z.number().nonnegative(),
  /** NT$ of the orders of the last 90 days. */
  orderValue90d: nonNegativeIntSchema,
});
export type CohortCandidate = z.infer<typeof cohortCandidateSchema>;
