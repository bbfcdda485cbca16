import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import type { ExclusionSummary } from "./cohort-exclusions.js";
import { cohortIdSchema } from "./cohort-record.js";
import type { CohortReport } from "./cohort-report.js";
import { cohortRequestSchema } from "./cohort-request.js";

const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

const timestamp = z.instanceof(Timestamp).transform((value) => value.toDate());

/** The fields every stored cohort document has; the list reads only these. */
export const storedCohortSummarySchema = z.object({
  id: cohortIdSchema,
  createdAt: timestamp,
  createdBy: z.strictObject({ uid: z.string().min(1), email: z.string().nullable() }),
  reason: z.string().nullable(),
  outcome: z.enum(["accepted", "forced"]),
  size: z.int().positive(),
  status: z.enum(["claiming", "ready"]),
});

/**
 * A whole stored cohort. The request is parsed again (it was stored parsed, so this changes
 * nothing but catches a document edited by hand); the report and the exclusion summary are the
 * sampler's own output, checked only for being objects.
 */
export const storedCohortSchema = storedCohortSummarySchema.extend({
  asOf: timestamp,
  request: cohortRequestSchema,
  report: z.custom<CohortReport>(isObject, "the report must be an object"),
  excluded: z.custom<ExclusionSummary>(isObject, "the exclusion summary must be an object"),
});
