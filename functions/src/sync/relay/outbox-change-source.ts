import {
  type DocumentData,
  FieldValue,
  type Firestore,
  Timestamp,
  type WriteBatch,
} from "firebase-admin/firestore";
import { changeMessageSchema } from "../change-message.js";
import { collections } from "../firestore-records.js";
import type { ChangeSource, ClaimedBatch, ClaimedChange, RejectedChange } from "./relay-ports.js";

/** Relayed entries are kept a week, Pub/Sub's longest redelivery window (TTL on `expireAt`). */
const publishedRetentionMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Moves one relayed (or, with `publishError`, rejected) entry from `syncOutbox` to
 * `syncOutboxPublished`, in the caller's batch (two writes).
 */
export function moveToPublished(
  db: Firestore,
  batch: WriteBatch,
  id: string,
  entry: DocumentData,
  publishError?: string,
): void {
  batch.delete(db.collection(collections.outbox).doc(id));
  batch.set(db.collection(collections.outboxPublished).doc(id), {
    ...entry,
    publishedAt: FieldValue.serverTimestamp(),
    expireAt: Timestamp.fromMillis(Date.now() + publishedRetentionMs),
    ...(publishError === undefined ? {} : { publishError: publishError.slice(0, 2000) }),
  });
}

/**
 * The new system's change source: `syncOutbox` entries the API wrote in the same transaction as
 * the record, oldest first. The outbox holds only pending entries — a relayed one is moved to
 * `syncOutboxPublished` — so the claim query's cost follows the backlog, not the history (the
 * Firestore emulator scans a whole collection per query). Firestore has no row locks, so
 * two outbox relays running at once could publish an entry twice; that stays within the
 * at-least-once contract (consumers drop a version they already applied); scheduled calls take
 * turns through the run lease (scheduled-relay-run.ts), so in production one relays at a time.
 */
export class OutboxChangeSource implements ChangeSource {
  constructor(private readonly db: Firestore) {}

  async claim(limit: number): Promise<ClaimedBatch> {
    const outbox = this.db.collection(collections.outbox);
    // Each entry is two writes when it is moved, and a batch holds at most 500.
    const snapshot = await outbox.orderBy("committedAt").limit(Math.min(limit, 250)).get();
    const entries = new Map(snapshot.docs.map((doc) => [doc.id, doc.data()]));
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
        // One atomic batch: an entry is never both pending and published.
        const batch = this.db.batch();
        for (const ref of publishedRefs) moveToPublished(this.db, batch, ref, entries.get(ref) ?? {});
        for (const r of rejected) moveToPublished(this.db, batch, r.ref, entries.get(r.ref) ?? {}, r.reason);
        await batch.commit();
      },
      abandon: async () => undefined,
    };
  }
}
