import { z } from "zod";
import { epochDay } from "./roc-date.js";

/** Bump when the generator's output changes, so a database seeded by an older version is detected. */
export const generatorVersion = 1;

/** Fixed end of history (not "now"): the same seed gives the same rows on any day. */
export const lastOrderDay = epochDay(2025, 11, 28);
export const historyDays = 1096;
export const firstOrderDay = lastOrderDay - historyDays + 1;

export const clientsPerUnitScale = 5_000;
export const deliveriesPerDayPerUnitScale = 182.5;
export const clientBatchSize = 1_000;

export const seedOptionsSchema = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  // Above 15 the busiest day would need more than the 4-digit daily sequence of delivery_no allows.
  scale: z.number().positive().max(15),
});
export type SeedOptions = z.infer<typeof seedOptionsSchema>;

export interface SeedPlan extends SeedOptions {
  clientCount: number;
  clientBatches: number;
  /** Deliveries are generated (and committed) one order day per batch: batch n is firstOrderDay + n. */
  deliveryBatches: number;
}

export function seedPlan(options: SeedOptions): SeedPlan {
  const { seed, scale } = seedOptionsSchema.parse(options);
  const clientCount = Math.max(1, Math.round(clientsPerUnitScale * scale));
  return {
    seed,
    scale,
    clientCount,
    clientBatches: Math.ceil(clientCount / clientBatchSize),
    deliveryBatches: historyDays,
  };
}

/** Identifies what a database holds; a resumed seed must match it exactly. */
export function runKey(plan: SeedOptions): string {
  return `v${generatorVersion}:seed=${plan.seed}:scale=${plan.scale}`;
}
