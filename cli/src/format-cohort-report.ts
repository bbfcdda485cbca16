import { z } from "zod";
import { formatCount, formatMoney } from "./format-figures.js";
import { formatTable } from "./format-table.js";

const findingSchema = z.looseObject({ limit: z.string().optional(), message: z.string() });

/** The figures a person decides on; anything else in the answer is left to `--json`. */
export const cohortViewSchema = z.looseObject({
  id: z.string().optional(),
  outcome: z.string().optional(),
  reason: z.string().nullish(),
  report: z.looseObject({
    cohortSize: z.number(),
    populationSize: z.number(),
    seed: z.number().optional(),
    attempt: z.number().optional(),
    pinned: z.number().optional(),
    largestDeviation: z.looseObject({ pp: z.number(), at: z.string() }),
    deviationTolerancePp: z.number().optional(),
    chiSquare: z.looseObject({
      pValue: z.number(),
      statistic: z.number().optional(),
      degreesOfFreedom: z.number().optional(),
    }),
    covariates: z.record(z.string(), z.looseObject({ smd: z.number() })),
    moneyAtRisk: z.looseObject({ balance: z.number(), orderValue90d: z.number() }),
    limits: z.looseObject({ maxSmd: z.number().optional() }).optional(),
    breaches: z.array(findingSchema).default([]),
    warnings: z.array(findingSchema).default([]),
  }),
  excluded: z
    .looseObject({
      total: z.number(),
      rules: z.array(
        z.looseObject({ rule: z.string(), enabled: z.boolean(), excluded: z.number(), matched: z.number() }),
      ),
    })
    .optional(),
});
export type CohortView = z.infer<typeof cohortViewSchema>;

/**
 * The cohort report's headline: size, outcome, largest deviation, chi-square p, SMDs, money at
 * risk, exclusions with their counts, and each broken limit or warning. An answer of another shape
 * (the API grew) is shown as JSON rather than half understood.
 */
export function formatCohortReport(body: unknown): string {
  const parsed = cohortViewSchema.safeParse(body);
  if (!parsed.success) return JSON.stringify(body, null, 2);
  const { id, outcome, reason, report, excluded } = parsed.data;
  const share = report.populationSize === 0 ? 0 : (100 * report.cohortSize) / report.populationSize;
  const draw = [
    report.seed !== undefined ? `seed ${report.seed}` : "",
    report.attempt !== undefined ? `draw ${report.attempt}` : "",
    report.pinned ? `${formatCount(report.pinned)} pinned` : "",
  ].filter(Boolean);
  const { chiSquare, largestDeviation, moneyAtRisk } = report;
  const chiDetail =
    chiSquare.statistic !== undefined && chiSquare.degreesOfFreedom !== undefined
      ? ` (χ² ${chiSquare.statistic.toFixed(1)}, ${chiSquare.degreesOfFreedom} df)`
      : "";
  const deviationLimit =
    report.deviationTolerancePp !== undefined ? ` (limit ${report.deviationTolerancePp.toFixed(2)} pp)` : "";
  const smdLimit = report.limits?.maxSmd !== undefined ? ` (limit ±${report.limits.maxSmd})` : "";
  const smds = Object.entries(report.covariates).map(([name, { smd }]) => `${name} ${smd.toFixed(3)}`);
  const headline = [
    ["outcome", `${outcome ?? "—"}${reason ? ` (reason: ${reason})` : ""}`],
    [
      "size",
      `${formatCount(report.cohortSize)} of ${formatCount(report.populationSize)} eligible (${share.toFixed(2)}%)${draw.length > 0 ? `, ${draw.join(", ")}` : ""}`,
    ],
    [
      "largest deviation",
      `${largestDeviation.pp.toFixed(2)} pp${largestDeviation.at ? ` at ${largestDeviation.at}` : ""}${deviationLimit}`,
    ],
    ["chi-square p", `${chiSquare.pValue.toPrecision(3)}${chiDetail}`],
    ["SMD", `${smds.join(", ")}${smdLimit}`],
    [
      "money at risk",
      `balances ${formatMoney(moneyAtRisk.balance)}, 90-day orders ${formatMoney(moneyAtRisk.orderValue90d)}`,
    ],
  ] as const;
  const width = Math.max(...headline.map(([label]) => label.length));
  return [
    ...(id ? [`cohort ${id}`] : []),
    ...headline.map(([label, text]) => `${label.padEnd(width)}  ${text}`),
    ...(excluded
      ? ["", `excluded ${formatCount(excluded.total)} customers`, exclusionTable(excluded.rules)]
      : []),
    ...report.breaches.map((finding) => `limit broken: ${finding.message}`),
    ...report.warnings.map((finding) => `warning: ${finding.message}`),
  ].join("\n");
}

function exclusionTable(rules: NonNullable<CohortView["excluded"]>["rules"]): string {
  return formatTable(
    ["rule", "on", "excluded", "matched"],
    rules.map((rule) => [rule.rule, rule.enabled ? "yes" : "off", rule.excluded, rule.matched]),
  );
}
