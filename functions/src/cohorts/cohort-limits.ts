import { z } from "zod";

/**
 * The limits a cohort must stay within, each with its default; a request overrides any of them.
 * `maxDeviationPp`: largest |cohort share − population share| of a stratum or of a value of a
 * stratified dimension, in percentage points (never stricter than one member, see cohort-report).
 * `warnSrmP` / `minSrmP`: the chi-square sample-ratio-mismatch p-value over the strata warns
 * below the first and refuses below the second, as experimentation platforms check SRM.
 * `maxSmd`: largest |standardised mean difference| of a covariate (monthly kg, balance,
 * deliveries in 90 days), the usual balance threshold of 0.1.
 */
export const cohortLimitsSchema = z
  .strictObject({
    maxDeviationPp: z.number().positive().default(2),
    warnSrmP: z.number().min(0).max(1).default(0.01),
    minSrmP: z.number().min(0).max(1).default(0.001),
    maxSmd: z.number().positive().default(0.1),
  })
  .refine((limits) => limits.minSrmP <= limits.warnSrmP, {
    path: ["minSrmP"],
    message: "minSrmP (refuse below) must not be above warnSrmP (warn below)",
  });
export type CohortLimits = z.infer<typeof cohortLimitsSchema>;

export const defaultCohortLimits: CohortLimits = cohortLimitsSchema.parse({});
