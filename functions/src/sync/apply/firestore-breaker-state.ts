import type { Firestore } from "firebase-admin/firestore";
import type { BreakerState, BreakerStateSink } from "./legacy-gateway.js";

/** `syncState/legacyBreaker`: the legacy breaker's state as the status endpoint shows it. */
export class FirestoreBreakerStateSink implements BreakerStateSink {
  constructor(
    private readonly db: Firestore,
    private readonly instance: string,
    /** `legacyBreaker` for the apply function; other users of a breaker keep their own document. */
    private readonly documentId = "legacyBreaker",
  ) {}

  async record(state: BreakerState, at: Date): Promise<void> {
    await this.db
      .collection("syncState")
      .doc(this.documentId)
      .set({ state, changedAt: at.toISOString(), instance: this.instance });
  }
}
