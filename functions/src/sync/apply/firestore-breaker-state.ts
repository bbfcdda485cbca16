import type { Firestore } from "firebase-admin/firestore";
import type { BreakerState, BreakerStateSink } from "./legacy-gateway.js";

/** `syncState/legacyBreaker`: the legacy breaker's state as the status endpoint shows it. */
export class FirestoreBreakerStateSink implements BreakerStateSink {
  constructor(
    private readonly db: Firestore,
    private readonly instance: string,
  ) {}

  async record(state: BreakerState, at: Date): Promise<void> {
    await this.db
      .collection("syncState")
      .doc("legacyBreaker")
      .set({ state, changedAt: at.toISOString(), instance: this.instance });
  }
}
