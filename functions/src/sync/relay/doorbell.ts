/**
 * Wakes an idle relay loop when its source signals new changes (PostgreSQL NOTIFY, a Firestore
 * snapshot). Rings are counted, so a ring between "drained" and "start waiting" is never lost.
 */
export class Doorbell {
  private count = 0;
  private waiters: (() => void)[] = [];

  get rings(): number {
    return this.count;
  }

  ring(): void {
    this.count += 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when the bell rang after `seen` rings, or after `timeoutMs` (a safety poll). */
  waitSince(seen: number, timeoutMs: number): Promise<void> {
    if (this.count > seen) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
