import { lagPercentiles } from "../../src/sync/status/sync-status.js";

/** Start times by probe key; a lag is recorded when the key is first observed on the other side. */
export class LagRecorder {
  private readonly started = new Map<string, number>();
  /** Observed before `start` was called (start = the source's commit returned, which can be later). */
  private readonly early = new Map<string, number>();
  readonly lags: number[] = [];

  start(key: string, at: number): void {
    const seen = this.early.get(key);
    if (seen === undefined) this.started.set(key, at);
    else {
      this.early.delete(key);
      this.lags.push(Math.max(0, seen - at));
    }
  }

  observe(key: string, at: number): void {
    const start = this.started.get(key);
    if (start === undefined) {
      if (!this.early.has(key)) this.early.set(key, at);
      return;
    }
    this.started.delete(key);
    this.lags.push(at - start);
  }

  get pending(): number {
    return this.started.size;
  }

  summary() {
    return lagPercentiles(this.lags);
  }
}

/** Runs `tick(i)` at `rate` per second for `seconds`, on a fixed schedule (not back-to-back). */
export async function atRate(
  rate: number,
  seconds: number,
  tick: (i: number) => Promise<void>,
): Promise<void> {
  const total = rate * seconds;
  const begin = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = begin + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(tick(i).catch((error: unknown) => console.error(`tick ${i} failed: ${String(error)}`)));
  }
  await Promise.all(inFlight);
}

export async function waitUntilDrained(recorder: LagRecorder, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (recorder.pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
