import type { Firestore } from "firebase-admin/firestore";
import {
  acquireStep,
  type LeaseState,
  type RelayRunLease,
  relayRunLeaseTiming,
  releaseStep,
  renewStep,
  withdrawStep,
} from "./relay-run-lease.js";

function sameLease(a: LeaseState, b: LeaseState | undefined): boolean {
  return !!b && a.holder === b.holder && a.expiresAt === b.expiresAt && a.handoverTo === b.handoverTo;
}

/**
 * The run lease of one relay in `syncRelayLeases/{relay}`, changed only in transactions. Times
 * are the instances' clocks (Cloud Run's are synchronised); the 15 s term dwarfs their skew.
 */
export class FirestoreRelayRunLease implements RelayRunLease {
  constructor(
    private readonly db: Firestore,
    private readonly relay: "legacy" | "outbox",
    private readonly timing: { ttlMs: number; pollMs: number } = relayRunLeaseTiming,
  ) {}

  private get ref() {
    return this.db.collection("syncRelayLeases").doc(this.relay);
  }

  private change<T>(step: (state: LeaseState | undefined, now: number) => { next?: LeaseState; out: T }) {
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(this.ref);
      const state = snapshot.exists ? (snapshot.data() as LeaseState) : undefined;
      const { next, out } = step(state, Date.now());
      // A waiting call asks again every poll; writing an unchanged lease would only contend with
      // the holder's renewal for the document's lock.
      if (next && !sameLease(next, state)) tx.set(this.ref, next);
      return out;
    });
  }

  async acquire(holder: string, waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const held = await this.change((state, now) => {
        const { next, held } = acquireStep(state, holder, now, this.timing.ttlMs);
        return { next, out: held };
      });
      if (held) return true;
      if (Date.now() >= deadline) {
        await this.change((state) => ({ next: withdrawStep(state, holder), out: undefined }));
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, this.timing.pollMs));
    }
  }

  renew(holder: string): Promise<"keep" | "yield" | "lost"> {
    return this.change((state, now) => {
      const { next, answer } = renewStep(state, holder, now, this.timing.ttlMs);
      return { next: answer === "lost" ? undefined : next, out: answer };
    });
  }

  async release(holder: string): Promise<void> {
    await this.change((state, now) => {
      if (!state || state.holder !== holder) return { out: undefined };
      return { next: releaseStep(state, holder, now, this.timing.ttlMs), out: undefined };
    });
  }
}
