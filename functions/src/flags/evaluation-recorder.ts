import type { EvaluationEvent, EvaluationObserver, TrackEvent } from "./evaluation-observer.js";

/** Counts accumulated since the last flush, for one flag version and variant. */
export interface VariantCounts {
  flagKey: string;
  flagVersion: number;
  variant: string;
  /** Evaluations served (every call). */
  evaluations: number;
  /** Distinct customers who were first served this variant of this flag version. */
  exposures: number;
  /** Distinct exposed customers who then sent the tracked event, per event name. */
  conversions: Record<string, number>;
}

/** Port: where aggregated counts go (e.g. Firestore increments, Cloud Monitoring). */
export interface EvaluationCountSink {
  write(batch: readonly VariantCounts[]): Promise<void>;
}

/**
 * Aggregates evaluations in memory (one map update per evaluation, never a write) and flushes
 * deltas through the sink. Exposure is counted once per customer per flag version; a `track`
 * event is attributed to the variant that customer was served, once per customer and event name.
 * Dedup is per process: two instances may each count a customer once.
 */
export class EvaluationRecorder implements EvaluationObserver {
  private pending = new Map<string, VariantCounts>();
  private readonly servedVariant = new Map<string, string>();
  private readonly converted = new Set<string>();

  constructor(private readonly sink: EvaluationCountSink) {}

  recordEvaluation(event: EvaluationEvent): void {
    if (event.variant === undefined || event.flagVersion === undefined) return;
    const counts = this.countsFor(event.flagKey, event.flagVersion, event.variant);
    counts.evaluations += 1;
    if (event.targetingKey === undefined) return;
    const exposureKey = `${event.flagKey}\u0000${event.flagVersion}\u0000${event.targetingKey}`;
    if (this.servedVariant.has(exposureKey)) return;
    this.servedVariant.set(exposureKey, event.variant);
    counts.exposures += 1;
  }

  recordTrack(event: TrackEvent): void {
    if (event.targetingKey === undefined) return;
    const suffix = `\u0000${event.targetingKey}`;
    for (const [exposureKey, variant] of this.servedVariant) {
      if (!exposureKey.endsWith(suffix)) continue;
      const conversionKey = `${exposureKey}\u0000${event.name}`;
      if (this.converted.has(conversionKey)) continue;
      this.converted.add(conversionKey);
      const [flagKey = "", version = "0"] = exposureKey.split("\u0000");
      const counts = this.countsFor(flagKey, Number(version), variant);
      counts.conversions[event.name] = (counts.conversions[event.name] ?? 0) + 1;
    }
  }

  /** Hands the pending deltas to the sink; on failure they are merged back for the next flush. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.sink.write(batch);
    } catch (error) {
      for (const counts of batch) this.mergeBack(counts);
      throw error;
    }
  }

  /** Flushes every `intervalMs`; returns a stop function that flushes one last time. */
  startPeriodicFlush(intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
    const timer = setInterval(() => this.flush().catch(onError), intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.flush();
    };
  }

  private countsFor(flagKey: string, flagVersion: number, variant: string): VariantCounts {
    const key = `${flagKey}\u0000${flagVersion}\u0000${variant}`;
    let counts = this.pending.get(key);
    if (counts === undefined) {
      counts = { flagKey, flagVersion, variant, evaluations: 0, exposures: 0, conversions: {} };
      this.pending.set(key, counts);
    }
    return counts;
  }

  private mergeBack(failed: VariantCounts): void {
    const counts = this.countsFor(failed.flagKey, failed.flagVersion, failed.variant);
    counts.evaluations += failed.evaluations;
    counts.exposures += failed.exposures;
    for (const [name, n] of Object.entries(failed.conversions))
      counts.conversions[name] = (counts.conversions[name] ?? 0) + n;
  }
}
