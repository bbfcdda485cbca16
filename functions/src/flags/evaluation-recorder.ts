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
  /** flag key → version → state; nested maps keep the hot path free of string building. */
  private readonly flags = new Map<string, Map<number, FlagVersionState>>();

  constructor(private readonly sink: EvaluationCountSink) {}

  recordEvaluation(event: EvaluationEvent): void {
    if (event.variant === undefined || event.flagVersion === undefined) return;
    const state = this.stateFor(event.flagKey, event.flagVersion);
    const counts = state.countsFor(event.variant);
    counts.evaluations += 1;
    if (event.targetingKey === undefined || state.served.has(event.targetingKey)) return;
    state.served.set(event.targetingKey, event.variant);
    counts.exposures += 1;
  }

  recordTrack(event: TrackEvent): void {
    const customer = event.targetingKey;
    if (customer === undefined) return;
    for (const versions of this.flags.values()) {
      for (const state of versions.values()) {
        const variant = state.served.get(customer);
        const conversionKey = `${customer}\u0000${event.name}`;
        if (variant === undefined || state.converted.has(conversionKey)) continue;
        state.converted.add(conversionKey);
        const conversions = state.countsFor(variant).conversions;
        conversions[event.name] = (conversions[event.name] ?? 0) + 1;
      }
    }
  }

  /** Hands the pending deltas to the sink; on failure they are merged back for the next flush. */
  async flush(): Promise<void> {
    const batch: VariantCounts[] = [];
    for (const versions of this.flags.values())
      for (const state of versions.values()) batch.push(...state.takePending());
    if (batch.length === 0) return;
    try {
      await this.sink.write(batch);
    } catch (error) {
      for (const counts of batch) this.stateFor(counts.flagKey, counts.flagVersion).mergeBack(counts);
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

  private stateFor(flagKey: string, flagVersion: number): FlagVersionState {
    let versions = this.flags.get(flagKey);
    if (versions === undefined) {
      versions = new Map();
      this.flags.set(flagKey, versions);
    }
    let state = versions.get(flagVersion);
    if (state === undefined) {
      state = new FlagVersionState(flagKey, flagVersion);
      versions.set(flagVersion, state);
    }
    return state;
  }
}

/** Everything recorded for one version of one flag. */
class FlagVersionState {
  /** Customer → the variant first served to them (exposure, and the variant a conversion counts for). */
  readonly served = new Map<string, string>();
  readonly converted = new Set<string>();
  private pending = new Map<string, VariantCounts>();

  constructor(
    private readonly flagKey: string,
    private readonly flagVersion: number,
  ) {}

  countsFor(variant: string): VariantCounts {
    let counts = this.pending.get(variant);
    if (counts === undefined) {
      counts = {
        flagKey: this.flagKey,
        flagVersion: this.flagVersion,
        variant,
        evaluations: 0,
        exposures: 0,
        conversions: {},
      };
      this.pending.set(variant, counts);
    }
    return counts;
  }

  takePending(): VariantCounts[] {
    const taken = [...this.pending.values()];
    this.pending = new Map();
    return taken;
  }

  mergeBack(failed: VariantCounts): void {
    const counts = this.countsFor(failed.variant);
    counts.evaluations += failed.evaluations;
    counts.exposures += failed.exposures;
    for (const [name, n] of Object.entries(failed.conversions)) {
      counts.conversions[name] = (counts.conversions[name] ?? 0) + n;
    }
  }
}
