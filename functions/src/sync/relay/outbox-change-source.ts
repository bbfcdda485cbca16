import { FieldValue, type Firestore, Timestamp } from "firebase-admin/firestore";
import { changeMessageSchema } from "../change-message.js";
import { collections } from "../firestore-records.js";
import type { ChangeSource, ClaimedBatch, ClaimedChange, RejectedChange } from "./relay-ports.js";

/**
 * The new system's change source: `syncOutbox` entries the API wrote in the same transaction as
 * the record. Oldest first (index published ASC, committedAt ASC). Firestore has no row locks, so
 * two outbox relays running at once could publish an entry twice; that stays within the
 * at-least-once contract (consumers drop a version they already applied), and in production
 * Cloud Scheduler runs one relay at a time.
 */
export class OutboxChangeSource implements ChangeSource {
  constructor(private readonly db: Firestore) {}

  async claim(limit: number): Promise<ClaimedBatch> {
    const outbox = this.db.collection(collections.outbox);
    const snapshot = await outbox
      .where("published", "==", false)
      .orderBy("committedAt")
      .limit(Math.min(limit, 500))
      .get();
    const changes: ClaimedChange[] = [];
    const rejected: RejectedChange[] = [];
    for (const doc of snapshot.docs) {
      const entry = doc.data();
      const committedAt = entry.committedAt;
      const parsed = changeMessageSchema.safeParse({
        changeId: entry.changeId,
        source: "new",
        entity: entry.entity,
        key: entry.key,
        customerCode: entry.customerCode,
        op: entry.op,
        sourceVersion: entry.sourceVersion,
        committedAt: committedAt instanceof Timestamp ? committedAt.toDate().toISOString() : committedAt,
        data: entry.data,
      });
      if (parsed.success) changes.push({ ref: doc.id, message: parsed.data });
      else rejected.push({ ref: doc.id, reason: parsed.error.message });
    }
    return {
      changes,
      rejected,
      complete: async (publishedRefs) => {
        // One atomic batch (a claim is at most 500 entries, the batch limit).
        const batch = this.db.batch();
        for (const ref of publishedRefs)
          batch.update(outbox.doc(ref), { published: true, publishedAt: FieldValue.serverTimestamp() });
        for (const r of rejected)
          batch.update(outbox.doc(r.ref), {
            published: true,
            publishedAt: FieldValue.serverTimestamp(),
            publishError: r.reason.slice(0, 2000),
          });
        await batch.commit();
      },
      abandon: async () => undefined,
    };
  }
}
