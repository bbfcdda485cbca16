import { type Firestore, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import type { IdempotencyStore, Reservation } from "./idempotency-store.js";
import type { HttpResponse } from "./route.js";

export const idempotencyCollection = "idempotencyKeys";
/** How long a key is remembered (Firestore's TTL deletes the record after `expireAt`). */
const retentionMs = 24 * 60 * 60 * 1000;

const recordSchema = z.object({
  fingerprint: z.string(),
  /** The first answer as JSON text (absent while the first attempt runs). */
  response: z.string().optional(),
});
const responseSchema = z.object({
  status: z.number(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

/** IdempotencyStore on Firestore: `idempotencyKeys/{id}`, created with `create` so two racers cannot both reserve. */
export class FirestoreIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: Firestore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reserve(id: string, fingerprint: string): Promise<Reservation> {
    const ref = this.db.collection(idempotencyCollection).doc(id);
    try {
      const expireAt = Timestamp.fromMillis(this.now().getTime() + retentionMs);
      await ref.create({ fingerprint, createdAt: Timestamp.fromDate(this.now()), expireAt });
      return { kind: "reserved" };
    } catch (error) {
      // 6 = ALREADY_EXISTS: another attempt with this key got there first.
      if ((error as { code?: unknown }).code !== 6) throw error;
    }
    const found = recordSchema.parse((await ref.get()).data());
    if (found.response === undefined) return { kind: "running", fingerprint: found.fingerprint };
    const response = responseSchema.parse(JSON.parse(found.response)) as HttpResponse;
    return { kind: "done", fingerprint: found.fingerprint, response };
  }

  async complete(id: string, response: HttpResponse): Promise<void> {
    await this.db
      .collection(idempotencyCollection)
      .doc(id)
      .update({ response: JSON.stringify(response) });
  }

  async release(id: string): Promise<void> {
    await this.db.collection(idempotencyCollection).doc(id).delete();
  }
}
