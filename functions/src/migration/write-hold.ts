import type { Firestore, Transaction } from "firebase-admin/firestore";
import type { MigrationStage } from "../domain/customer.js";
import { DomainError } from "../domain/domain-error.js";
import { servesFromNew } from "./migration-stage.js";

/**
 * `writeHolds/{customerCode}`: while a customer is being moved back to legacy, the new system
 * takes no writes for it. Every new-side API write reads the hold in its own transaction, so a
 * write either commits before the hold is set (and the rollback's drain then waits for it) or sees
 * the hold and is refused: after the drain, nothing new can reach the new side. After the flip the
 * hold stays, settled with the stage the customer went to, so a request that read the old route
 * just before the flip is refused too (and sent again, to legacy) instead of landing on the new
 * side after the drain; advancing the customer to a stage the new system serves lifts it.
 */
export const writeHoldsCollection = "writeHolds";

/** 503 with Retry-After: the write goes through again in a few seconds, to legacy by then. */
export class WritesHeldError extends DomainError {
  readonly retryAfterSeconds = 5;
  constructor(readonly customerCode: string) {
    super(
      "DEPENDENCY_UNAVAILABLE",
      `Customer ${customerCode} is being moved back to the legacy system; retry in a few seconds.`,
    );
    this.name = "WritesHeldError";
  }
}

export async function assertWritesNotHeld(
  db: Firestore,
  tx: Transaction,
  customerCode: string,
): Promise<void> {
  const hold = await tx.get(db.collection(writeHoldsCollection).doc(customerCode));
  if (!hold.exists) return;
  const settledAt = hold.get("stage") as MigrationStage | undefined;
  if (hold.get("active") === true || settledAt === undefined || !servesFromNew(settledAt)) {
    throw new WritesHeldError(customerCode);
  }
}

/** Port: the rollback's hold on a customer's new-side writes. */
export interface WriteHolds {
  /** Refuse new-side writes from now on (before the drain). */
  hold(customerCode: string, reason: string): Promise<void>;
  /** The flip is done: keep refusing, now because the customer is served at `stage`. */
  settle(customerCode: string, stage: MigrationStage): Promise<void>;
  /** Lift the hold: the drain failed and the customer stays, or it advances to the new system again. */
  release(customerCode: string): Promise<void>;
}

export class FirestoreWriteHolds implements WriteHolds {
  constructor(private readonly db: Firestore) {}

  async hold(customerCode: string, reason: string): Promise<void> {
    await this.db
      .collection(writeHoldsCollection)
      .doc(customerCode)
      .set({ active: true, reason, since: new Date() });
  }

  async settle(customerCode: string, stage: MigrationStage): Promise<void> {
    await this.db
      .collection(writeHoldsCollection)
      .doc(customerCode)
      .set({ active: false, stage }, { merge: true });
  }

  async release(customerCode: string): Promise<void> {
    await this.db.collection(writeHoldsCollection).doc(customerCode).delete();
  }
}
