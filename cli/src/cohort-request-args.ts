import { z } from "zod";
import { cohortDimensions } from "../../functions/src/cohorts/cohort-dimensions.js";
import { switchableExclusionRules } from "../../functions/src/cohorts/cohort-exclusions.js";
import { defaultCohortLimits } from "../../functions/src/cohorts/cohort-limits.js";
import { type CohortRequestInput, cohortRequestSchema } from "../../functions/src/cohorts/cohort-request.js";
import { flag, listText, noArguments, type OptionSpecs } from "./command.js";

const limitNames = Object.keys(defaultCohortLimits);

/** The body of POST /v1/cohorts and /v1/cohorts:preview, one option per field. */
export const cohortRequestOptions = {
  percent: {
    type: "string",
    value: "p",
    description: "size as a share of the eligible customers (0 < p ≤ 100)",
  },
  count: { type: "string", value: "n", description: "size as a number of customers" },
  seed: {
    type: "string",
    value: "n",
    description: "draw seed (default 0: the same request draws the same cohort)",
  },
  strata: {
    type: "string",
    value: "d,d…",
    description: `dimensions to stratify by (default ${cohortDimensions.join(",")})`,
  },
  allow: {
    type: "string",
    multiple: true,
    value: "rule",
    description: `switch a default exclusion off: ${switchableExclusionRules.join(", ")}`,
  },
  deny: { type: "string", multiple: true, value: "code,…", description: "exclude these customers too" },
  include: { type: "string", multiple: true, value: "code,…", description: "pin these volunteers in" },
  limit: {
    type: "string",
    multiple: true,
    value: "name=value",
    description: `override a limit: ${limitNames.join(", ")}`,
  },
  force: { type: "boolean", description: "accept a cohort outside the limits (needs --reason)" },
  reason: { type: "string", value: "text", description: "why (recorded; required with --force)" },
} satisfies OptionSpecs;

const wholeNumberText = z
  .string()
  .regex(/^-?\d+$/, "must be a whole number")
  .transform(Number);
const decimalText = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "must be a number")
  .transform(Number);

const limitText = listText.transform((pairs, ctx) => {
  const limits: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^(\w+)=(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(pair);
    if (!match?.[1] || !match[2]) {
      ctx.addIssue({ code: "custom", message: `"${pair}" is not name=number` });
      return z.NEVER;
    }
    limits[match[1]] = Number(match[2]);
  }
  return limits;
});

const valuesSchema = z
  .strictObject({
    percent: decimalText.optional(),
    count: wholeNumberText.optional(),
    seed: wholeNumberText.optional(),
    strata: z
      .string()
      .transform((text) => text.split(",").map((part) => part.trim()))
      .pipe(z.array(z.enum(cohortDimensions, { error: `one of ${cohortDimensions.join(", ")}` })))
      .optional(),
    allow: z
      .array(z.string())
      .default([])
      .transform((values) => values.flatMap((value) => value.split(",")).filter(Boolean))
      .pipe(
        z.array(z.enum(switchableExclusionRules, { error: `one of ${switchableExclusionRules.join(", ")}` })),
      ),
    deny: listText,
    include: listText,
    limit: limitText,
    force: flag,
    reason: z.string().optional(),
  })
  .refine((values) => (values.percent === undefined) !== (values.count === undefined), {
    path: ["percent"],
    error: "give the size with --percent or --count (one of them)",
  });
type CohortValues = z.infer<typeof valuesSchema>;

/** The minimal body: what the user said, nothing the API would default anyway. */
export function cohortRequestOf(values: CohortValues): CohortRequestInput {
  const exclude = Object.fromEntries(values.allow.map((rule) => [rule, false]));
  return {
    ...(values.percent !== undefined ? { percent: values.percent } : {}),
    ...(values.count !== undefined ? { count: values.count } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.strata !== undefined ? { strata: values.strata } : {}),
    ...(values.allow.length > 0 || values.deny.length > 0
      ? { exclude: { ...exclude, ...(values.deny.length > 0 ? { deny: values.deny } : {}) } }
      : {}),
    ...(values.include.length > 0 ? { include: values.include } : {}),
    ...(Object.keys(values.limit).length > 0 ? { limits: values.limit } : {}),
    ...(values.force ? { force: true } : {}),
    ...(values.reason !== undefined ? { reason: values.reason } : {}),
  };
}

/** Which option a field of the request comes from, so the API's own rules speak in options. */
function optionOf(path: readonly PropertyKey[]): { option: string; detail: string } {
  const [field, sub] = path;
  if (field === "exclude")
    return sub === "deny" ? { option: "deny", detail: "" } : { option: "allow", detail: "" };
  if (field === "limits") return { option: "limit", detail: sub === undefined ? "" : `${String(sub)}: ` };
  return { option: String(field ?? "percent"), detail: "" };
}

/**
 * `{ values, positionals }` → the request body, checked against the API's own schema
 * (functions/src/cohorts/cohort-request.ts), so a bad request is refused before signing in.
 */
export const cohortRequestArgs = z
  .object({ values: valuesSchema, positionals: noArguments })
  .transform(({ values }, ctx) => {
    const body = cohortRequestOf(values);
    const checked = cohortRequestSchema.safeParse(body);
    if (checked.success) return body;
    for (const issue of checked.error.issues) {
      const { option, detail } = optionOf(issue.path);
      ctx.addIssue({ code: "custom", path: ["values", option], message: `${detail}${issue.message}` });
    }
    return z.NEVER;
  });
