import type { App } from "firebase-admin/app";
import { type Firestore, getFirestore, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import type { DrainPort, VerificationPort } from "./migration-ports.js";

/** Written by the sync's comparison job: `syncVerifications/{customerCode}`. */
export const verificationsCollection = "syncVerifications";
/** The transactional outbox of API writes (see sync/firestore-records.ts). */
export const outboxCollection = "syncOutbox";

const verificationDocumentSchema = z.object({
  equal: z.boolean(),
  verifiedAt: z.instanceof(Timestamp),
});

/**
 * Interim VerificationPort until the sync provides its own: the customer is verified when the
 * comparison job's latest result says both sides were equal. A missing or malformed result is "not verified".
 */
export class FirestoreVerificationResults implements VerificationPort {
  private readonly db: Firestore;

  constructor(app: App) {
    this.db = getFirestore(app);
  }

  async isVerifiedEqual(customerCode: string): Promise<boolean> {
    const doc = await this.db.collection(verificationsCollection).doc(customerCode).get();
    const result = verificationDocumentSchema.safeParse(doc.data());
    return result.success && result.data.equal;
  }
}

/** Rollback refused because the outbox still holds changes legacy has not been sent. */
export class ChangesPendingError extends Error {
  readonly code = "CHANGES_PENDING";
  constructor(
    readonly customerCode: string,
    readonly pending: number,
  ) {
    super(`${pending} change(s) of ${customerCode} are not yet published to legacy`);
    this.name = "ChangesPendingError";
  }
}

/**
 * Interim DrainPort: it does not push anything itself; it passes only when the outbox holds no
 * unpublished entry for the customer (the sync publisher drains it), so a rollback never strands a
 * change that exists only on the new side.
 */
export class OutboxDrainCheck implements DrainPort {
  private readonly db: Firestore;

  constructor(app: App) {
    this.db = getFirestore(app);
  }

  async drainToLegacy(customerCode: string): Promise<void> {
    const pending = await this.db
      .collection(outboxCollection)
      .where("customerCode", "==", customerCode)
      .where("published", "==", false)
      .count()
      .get();
    const count = pending.data().count;
    if (count > 0) throw new ChangesPendingError(customerCode, count);
  }
}
