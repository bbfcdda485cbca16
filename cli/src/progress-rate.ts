/**
 * Items per second over the last `windowMs` of samples: recent enough to follow a backfill that
 * speeds up or slows down, long enough that one slow poll does not swing it.
 */
export class ProgressRate {
  private samples: { done: number; at: number }[] = [];

  constructor(private readonly windowMs = 30_000) {}

  add(done: number, at: number): void {
    const last = this.samples.at(-1);
    // Progress that went backwards is a restarted count (a rollback after an advance): start over.
    if (last && done < last.done) this.samples = [];
    this.samples.push({ done, at });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > this.windowMs) this.samples.shift();
  }

  /** undefined until two samples some time apart exist. */
  perSecond(): number | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at <= first.at) return undefined;
    return ((last.done - first.done) * 1000) / (last.at - first.at);
  }
}
