import type { TrackingEventDetails } from "@openfeature/server-sdk";

/** What the provider reports after every evaluation, for counting and exposure. */
export interface EvaluationEvent {
  flagKey: string;
  variant: string | undefined;
  reason: string;
  /** Stored version of the flag that served the value (undefined when the flag was not found). */
  flagVersion: number | undefined;
  targetingKey: string | undefined;
}

export interface TrackEvent {
  name: string;
  targetingKey: string | undefined;
  details: TrackingEventDetails;
}

/** Port: receives evaluations and `track` calls; must be cheap and never throw (it is on the hot path). */
export interface EvaluationObserver {
  recordEvaluation(event: EvaluationEvent): void;
  recordTrack(event: TrackEvent): void;
}
