import type { EvaluationCountSink, VariantCounts } from "./evaluation-recorder.js";

/** Summed counts of one flag variant over every flushed day and instance. */
export interface VariantCountTotals {
  variant: string;
  flagVersion: number;
  evaluations: number;
  exposures: number;
  conversions: Record<string, number>;
}

/** Port: reads back what EvaluationCountSink implementations stored, for the experiment report. */
export interface EvaluationCountReader {
  totalsFor(flagKey: string): Promise<VariantCountTotals[]>;
}

/** UTC day bucket of a flush, `YYYY-MM-DD`. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** In-memory sink + reader for unit tests; sums exactly as the Firestore increments do. */
export class FakeEvaluationCounts implements EvaluationCountSink, EvaluationCountReader {
  readonly writes: (readonly VariantCounts[])[] = [];
  private readonly totals = new Map<string, VariantCountTotals & { flagKey: string }>();

  async write(batch: readonly VariantCounts[]): Promise<void> {
    this.writes.push(batch);
    for (const counts of batch) {
      const id = `${counts.flagKey}\u0000${counts.flagVersion}\u0000${counts.variant}`;
      const total = this.totals.get(id) ?? {
        flagKey: counts.flagKey,
        flagVersion: counts.flagVersion,
        variant: counts.variant,
        evaluations: 0,
        exposures: 0,
        conversions: {},
      };
      total.evaluations += counts.evaluations;
      total.exposures += counts.exposures;
      for (const [name, n] of Object.entries(counts.conversions)) {
        total.conversions[name] = (total.conversions[name] ?? 0) + n;
      }
      this.totals.set(id, total);
    }
  }

  async totalsFor(flagKey: string): Promise<VariantCountTotals[]> {
    return [...this.totals.values()]
      .filter((total) => total.flagKey === flagKey)
      .map(({ flagKey: _flagKey, ...rest }) => structuredClone(rest));
  }
}
