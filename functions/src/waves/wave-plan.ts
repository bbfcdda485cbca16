import { z } from "zod";
import type { AuditContext } from "../audit/audit-draft.js";
import { reasonSchema } from "../audit/audit-log.js";
import type { CohortService } from "../cohorts/cohort-service.js";
import type { WaveService } from "./wave-service.js";
import type { WaveView } from "./wave-view.js";

/**
 * A plan of waves: `shares` are the cumulative percentages of the eligible register migrated after
 * each wave (default 1 → 5 → 10), and a last wave takes the rest. Each wave's cohort is drawn
 * around the ones before it (seed + wave number), so the cohorts never share a customer.
 */
export const wavePlanSchema = z.strictObject({
  reason: reasonSchema,
  seed: z.int().default(0),
  shares: z
    .array(
      z.number().gt(0, "a share is above 0").lt(100, "a share is below 100: the last wave takes the rest"),
    )
    .min(1)
    .max(10)
    .refine(
      (shares) => shares.every((share, index) => index === 0 || share > (shares[index - 1] ?? 0)),
      "shares must increase",
    )
    .default([1, 5, 10]),
});
export type WavePlan = z.infer<typeof wavePlanSchema>;

/** Sizes of each wave's cohort from the eligible count: what each share adds, at least one customer. */
export function planSizes(eligible: number, shares: readonly number[]): number[] {
  const sizes: number[] = [];
  let planned = 0;
  for (const share of shares) {
    const size = Math.max(1, Math.round((eligible * share) / 100) - planned);
    sizes.push(size);
    planned += size;
  }
  return sizes;
}

/**
 * Draws and stores every cohort and creates its wave, in order. A cohort refused by its limits
 * stops the plan there (the waves before it stay; the error names how far it got).
 */
export async function createWavePlan(
  deps: { cohorts: Pick<CohortService, "preview" | "create">; waves: Pick<WaveService, "create"> },
  plan: WavePlan,
  context: AuditContext,
): Promise<WaveView[]> {
  const whole = await deps.cohorts.preview({ percent: 100, force: true, reason: "plan: count the eligible" });
  const sizes = planSizes(whole.report.populationSize, plan.shares);
  const created: WaveView[] = [];
  const total = sizes.length + 1;
  for (const [index, count] of [...sizes, null].entries()) {
    const label = `${plan.reason} (wave ${index + 1} of ${total})`;
    const request = count === null ? { percent: 100 } : { count };
    const cohort = await deps.cohorts.create(
      { ...request, seed: plan.seed + index, reason: label },
      { ...context, reason: label },
    );
    created.push(await deps.waves.create(cohort.id, { ...context, reason: label }));
  }
  return created;
}
