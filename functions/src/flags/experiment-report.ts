import type { VariantCountTotals } from "./evaluation-counts.js";
import { experimentStats, type VariantStats } from "./experiment-stats.js";

export interface ExperimentReportRequest {
  /** Variant the others are compared with. */
  control: string;
  /** Tracked event name that counts as a conversion. */
  event: string;
  /** Only this flag version (a changed split starts a new experiment); all versions when absent. */
  flagVersion?: number;
}

export interface ExperimentReport {
  control: string;
  event: string;
  flagVersion: number | null;
  variants: VariantStats[];
  /** Every variant served, for context; experiments compare exposures, not evaluations. */
  evaluations: Record<string, number>;
}

/** Sums stored counts per variant and runs the statistics (rate, Wilson 95% interval, z-test vs control). */
export function experimentReport(
  totals: readonly VariantCountTotals[],
  request: ExperimentReportRequest,
): ExperimentReport {
  const perVariant = new Map<string, { exposures: number; conversions: number; evaluations: number }>();
  for (const total of totals) {
    if (request.flagVersion !== undefined && total.flagVersion !== request.flagVersion) continue;
    const sum = perVariant.get(total.variant) ?? { exposures: 0, conversions: 0, evaluations: 0 };
    sum.exposures += total.exposures;
    sum.conversions += total.conversions[request.event] ?? 0;
    sum.evaluations += total.evaluations;
    perVariant.set(total.variant, sum);
  }
  const variants = [...perVariant.entries()]
    .sort(([a], [b]) => (a === request.control ? -1 : b === request.control ? 1 : a.localeCompare(b)))
    .map(([variant, sum]) => ({ variant, exposures: sum.exposures, conversions: sum.conversions }));
  return {
    control: request.control,
    event: request.event,
    flagVersion: request.flagVersion ?? null,
    variants: experimentStats(variants, request.control),
    evaluations: Object.fromEntries([...perVariant].map(([variant, sum]) => [variant, sum.evaluations])),
  };
}
