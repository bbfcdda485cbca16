import type { App } from "firebase-admin/app";
import { FieldValue, type Firestore, getFirestore } from "firebase-admin/firestore";
import { z } from "zod";
import { dayOf, type EvaluationCountReader, type VariantCountTotals } from "./evaluation-counts.js";
import type { EvaluationCountSink, VariantCounts } from "./evaluation-recorder.js";

export const evaluationCountsCollection = "flagEvaluationCounts";

/** Firestore allows 500 writes per batch; a flush is one batch unless it has more rows than that. */
const maxBatchWrites = 500;

const countDocumentSchema = z.object({
  flagKey: z.string(),
  flagVersion: z.int(),
  variant: z.string(),
  day: z.string(),
  evaluations: z.number().default(0),
  exposures: z.number().default(0),
  conversions: z.record(z.string(), z.number()).default({}),
});

/**
 * Counts per flag, version, variant and UTC day in `flagEvaluationCounts/{flag}__v{n}__{variant}__{day}`.
 * Every instance adds its deltas with FieldValue.increment, so concurrent flushes never lose counts.
 */
export class FirestoreEvaluationCounts implements EvaluationCountSink, EvaluationCountReader {
  private readonly db: Firestore;

  constructor(
    app: App,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = getFirestore(app);
  }

  async write(batch: readonly VariantCounts[]): Promise<void> {
    const day = dayOf(this.now());
    for (let start = 0; start < batch.length; start += maxBatchWrites) {
      const writes = this.db.batch();
      for (const counts of batch.slice(start, start + maxBatchWrites)) {
        const id = [counts.flagKey, `v${counts.flagVersion}`, counts.variant, day].join("__");
        const conversions = Object.fromEntries(
          Object.entries(counts.conversions).map(([name, n]) => [name, FieldValue.increment(n)]),
        );
        // merge: set creates the document on first use and adds to the existing counts afterwards.
        writes.set(
          this.db.collection(evaluationCountsCollection).doc(encodeURIComponent(id)),
          {
            flagKey: counts.flagKey,
            flagVersion: counts.flagVersion,
            variant: counts.variant,
            day,
            evaluations: FieldValue.increment(counts.evaluations),
            exposures: FieldValue.increment(counts.exposures),
            // An empty map would replace the stored conversions under merge, so leave it out.
            ...(Object.keys(conversions).length > 0 ? { conversions } : {}),
          },
          { merge: true },
        );
      }
      await writes.commit();
    }
  }

  async totalsFor(flagKey: string): Promise<VariantCountTotals[]> {
    const query = await this.db.collection(evaluationCountsCollection).where("flagKey", "==", flagKey).get();
    const totals = new Map<string, VariantCountTotals>();
    for (const doc of query.docs) {
      const row = countDocumentSchema.parse(doc.data());
      const id = `${row.flagVersion}\u0000${row.variant}`;
      const total = totals.get(id) ?? {
        variant: row.variant,
        flagVersion: row.flagVersion,
        evaluations: 0,
        exposures: 0,
        conversions: {},
      };
      total.evaluations += row.evaluations;
      total.exposures += row.exposures;
      for (const [name, n] of Object.entries(row.conversions)) {
        total.conversions[name] = (total.conversions[name] ?? 0) + n;
      }
      totals.set(id, total);
    }
    return [...totals.values()];
  }
}
