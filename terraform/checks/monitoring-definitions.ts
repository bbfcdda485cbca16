import { z } from "zod";

/**
 * The Cloud Monitoring AlertPolicy fields (API names) that modules/monitoring applies. Strict: a
 * field the module would silently leave out is an error, not a surprise in production.
 */
const aggregation = z.strictObject({
  alignmentPeriod: z
    .string()
    .regex(/^\d+s$/)
    .optional(),
  perSeriesAligner: z.string().startsWith("ALIGN_").optional(),
  crossSeriesReducer: z.string().startsWith("REDUCE_").optional(),
  groupByFields: z.array(z.string()).optional(),
});
const trigger = z.strictObject({ count: z.number().int().min(1).optional(), percent: z.number().optional() });
const duration = z.string().regex(/^\d+s$/);
const threshold = z.strictObject({
  filter: z.string().min(1),
  comparison: z.enum([
    "COMPARISON_GT",
    "COMPARISON_GE",
    "COMPARISON_LT",
    "COMPARISON_LE",
    "COMPARISON_EQ",
    "COMPARISON_NE",
  ]),
  thresholdValue: z.number().optional(),
  duration,
  aggregations: z.array(aggregation).optional(),
  trigger: trigger.optional(),
});
const absent = z.strictObject({
  filter: z.string().min(1),
  duration,
  aggregations: z.array(aggregation).optional(),
  trigger: trigger.optional(),
});
const condition = z
  .strictObject({
    displayName: z.string().min(1),
    conditionThreshold: threshold.optional(),
    conditionAbsent: absent.optional(),
  })
  .refine((c) => (c.conditionThreshold === undefined) !== (c.conditionAbsent === undefined), {
    message: "each condition needs exactly one of conditionThreshold or conditionAbsent",
  });

export const alertPolicySchema = z.strictObject({
  displayName: z.string().min(1),
  combiner: z.enum(["AND", "OR", "AND_WITH_MATCHING_RESOURCE"]),
  severity: z.enum(["CRITICAL", "ERROR", "WARNING"]).optional(),
  enabled: z.boolean().optional(),
  userLabels: z.record(z.string(), z.string()).optional(),
  alertStrategy: z.strictObject({ autoClose: duration.optional() }).optional(),
  conditions: z.array(condition).min(1),
  documentation: z.strictObject({
    content: z.string().trim().min(1, "documentation.content must tell the on-call person what to do"),
    mimeType: z.literal("text/markdown").optional(),
    subject: z.string().max(255).optional(),
  }),
});

export const logMetricSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.\-/]{1,100}$/),
  description: z.string().min(1),
  filter: z.string().min(1),
  metricDescriptor: z.strictObject({
    metricKind: z.enum(["DELTA", "GAUGE", "CUMULATIVE"]),
    valueType: z.enum(["INT64", "DOUBLE", "DISTRIBUTION", "BOOL", "STRING"]),
    unit: z.string().optional(),
    displayName: z.string().optional(),
    labels: z
      .array(
        z.strictObject({
          key: z.string(),
          valueType: z.enum(["STRING", "BOOL", "INT64"]).optional(),
          description: z.string().optional(),
        }),
      )
      .optional(),
  }),
  labelExtractors: z.record(z.string(), z.string()).optional(),
});

/** A dashboard is passed to the API whole (dashboard_json); it needs a name and a layout. */
export const dashboardSchema = z
  .object({ displayName: z.string().min(1) })
  .loose()
  .refine((d) => ["gridLayout", "mosaicLayout", "rowLayout", "columnLayout"].some((layout) => layout in d), {
    message: "a dashboard needs a gridLayout, mosaicLayout, rowLayout or columnLayout",
  });
