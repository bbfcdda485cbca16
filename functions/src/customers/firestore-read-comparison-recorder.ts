import { type Firestore, Timestamp } from "firebase-admin/firestore";
import type { ReadComparison, ReadComparisonRecorder } from "./read-comparison.js";

export const readComparisonsCollection = "readComparisons";

/** One document per sampled comparison in `readComparisons`. */
export class FirestoreReadComparisonRecorder implements ReadComparisonRecorder {
  constructor(private readonly db: Firestore) {}

  async record(comparison: ReadComparison): Promise<void> {
    await this.db.collection(readComparisonsCollection).add({
      ...comparison,
      equal:
        comparison.mismatchedFields.length === 0 &&
        comparison.missingOn === null &&
        Object.keys(comparison.errors).length === 0,
      at: Timestamp.fromDate(comparison.at),
    });
  }
}
