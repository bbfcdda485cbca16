import { z } from "zod";
import { customerCodeSchema } from "../domain/primitives.js";
import { cohortDimensionSchema, cohortDimensions } from "./cohort-dimensions.js";
import { switchableExclusionRules } from "./cohort-exclusions.js";
import { cohortLimitsSchema } from "./cohort-limits.js";

/** The seed when the request names none: a repeated request without one draws the same cohort. */
export const defaultCohortSeed = 0;

function noDuplicates(codes: readonly string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  codes.forEach((code, index) => {
    if (seen.has(code)) ctx.addIssue({ code: "custom", path: [index], message: `${code} is listed twice` });
    seen.add(code);
  });
}

const customerListSchema = z.array(customerCodeSchema).superRefine(noDuplicates);

const exclusionSwitches = Object.fromEntries(
  switchableExclusionRules.map((rule) => [rule, z.boolean().default(true)]),
) as Record<(typeof switchableExclusionRules)[number], z.ZodDefault<z.ZodBoolean>>;

/** Each default exclusion is on unless switched off; `deny` adds customers by code. */
export const cohortExclusionsSchema = z
  .strictObject({ ...exclusionSwitches, deny: customerListSchema.default([]) })
  .prefault({});

const strataSchema = z
  .array(cohortDimensionSchema)
  .min(1, "name at least one dimension to stratify by")
  .refine((dimensions) => new Set(dimensions).size === dimensions.length, "a dimension is named twice")
  .default([...cohortDimensions]);

/**
 * A cohort request: exactly one of `percent` (of the eligible customers) or `count`; pinned
 * volunteers in `include` count towards the size. `force` accepts a cohort outside the limits
 * and needs a `reason`, which the result carries.
 */
export const cohortRequestSchema = z
  .strictObject({
    percent: z.number().gt(0, "percent must be above 0").max(100, "percent is at most 100").optional(),
    count: z.int().positive("count must be at least 1").optional(),
    seed: z.int().default(defaultCohortSeed),
    strata: strataSchema,
    exclude: cohortExclusionsSchema,
    include: customerListSchema.default([]),
    limits: cohortLimitsSchema.prefault({}),
    force: z.boolean().default(false),
    reason: z.string().trim().min(1, "reason must not be blank").optional(),
  })
  .superRefine((request, ctx) => {
    if ((request.percent === undefined) === (request.count === undefined)) {
      ctx.addIssue({ code: "custom", path: ["count"], message: "give exactly one of percent or count" });
    }
    if (request.force && request.reason === undefined) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "say why the cohort is forced" });
    }
  });
export type CohortRequest = z.infer<typeof cohortRequestSchema>;
export type CohortRequestInput = z.input<typeof cohortRequestSchema>;
