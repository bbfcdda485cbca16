import {
  acquireStep,
  type LeaseState,
  type RelayRunLease,
  relayRunLeaseTiming,
  releaseStep,
  renewStep,
  withdrawStep,
} from "./relay-run-lease.js";

/** In-memory lease with the Firestore lease's rules (the same pure steps), for unit tests. */
export class FakeRelayRunLease implements RelayRunLease {
  state: LeaseState | undefined;

  constructor(
    private readonly ttlMs: number = relayRunLeaseTiming.ttlMs,
    private readonly pollMs: number = relayRunLeaseTiming.pollMs,
  ) {}

  async acquire(holder: string, waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { next, held } = acquireStep(this.state, holder, Date.now(), this.ttlMs);
      this.state = next;
      if (held) return true;
      if (Date.now() >= deadline) {
        this.state = withdrawStep(this.state, holder);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  async renew(holder: string): Promise<"keep" | "yield" | "lost"> {
    const { next, answer } = renewStep(this.state, holder, Date.now(), this.ttlMs);
    this.state = next;
    return answer;
  }

  async release(holder: string): Promise<void> {
    this.state = releaseStep(this.state, holder, Date.now(), this.ttlMs);
  }
}
