import { FlagdCore } from "@openfeature/flagd-core";
import {
  ErrorCode,
  type EvaluationContext,
  type FlagValue,
  type FlagValueType,
  type JsonValue,
  type Logger,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
  StandardResolutionReasons,
  type TrackingEventDetails,
} from "@openfeature/server-sdk";
import type { EvaluationObserver } from "./evaluation-observer.js";
import type { FlagSnapshot } from "./flag-model.js";
import type { FlagStore, Unsubscribe } from "./flag-store.js";
import { loadFlagSet } from "./loaded-flag-set.js";

/** Why a value was served; `SPLIT` is ours: a pure fractional rollout put the customer in a bucket. */
export const splitReason = "SPLIT";

export interface InMemoryFlagProviderOptions {
  observer?: EvaluationObserver;
  /** Delay before following the store again after the change stream was lost. */
  resubscribeDelayMs?: (attempt: number) => number;
  logger?: Logger;
}

/** `evaluate("boolean", key, false, …)` should give a boolean, not the literal type `false`. */
type Widened<T> = T extends boolean ? boolean : T extends string ? string : T extends number ? number : T;

function flagValueType(value: FlagValue): FlagValueType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  return "object";
}

const defaultBackoff = (attempt: number): number => Math.min(30_000, 500 * 2 ** attempt);
const noop = (): void => {};
const silentLogger: Logger = { error: noop, warn: noop, info: noop, debug: noop };

/**
 * OpenFeature server provider that evaluates every flag in-process with flagd-core over an
 * in-memory copy of the flag set, kept current by the FlagStore change stream. Evaluation never
 * does I/O and never throws. When the stream is lost it keeps the last definitions, answers with
 * reason STALE and emits PROVIDER_STALE, and re-subscribes until the stream is back (PROVIDER_READY).
 */
export class InMemoryFlagProvider implements Provider {
  readonly metadata = { name: "luckygas-in-memory-flagd" } as const;
  readonly runsOn = "server" as const;
  readonly events = new OpenFeatureEventEmitter();
  private core = new FlagdCore(undefined, silentLogger);
  private splitFlags: ReadonlySet<string> = new Set();
  private stale = false;
  private closed = false;
  private attempt = 0;
  private unsubscribe: Unsubscribe | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private firstSnapshot: (() => void) | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly store: FlagStore,
    private readonly options: InMemoryFlagProviderOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Resolves once the first complete snapshot is in memory. */
  initialize(): Promise<void> {
    const ready = new Promise<void>((resolve) => {
      this.firstSnapshot = resolve;
    });
    this.follow();
    return ready;
  }

  async onClose(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.unsubscribe?.();
  }

  get isStale(): boolean {
    return this.stale;
  }

  resolveBooleanEvaluation(key: string, fallback: boolean, context: EvaluationContext) {
    return Promise.resolve(this.evaluate("boolean", key, fallback, context));
  }

  resolveStringEvaluation(key: string, fallback: string, context: EvaluationContext) {
    return Promise.resolve(this.evaluate("string", key, fallback, context));
  }

  resolveNumberEvaluation(key: string, fallback: number, context: EvaluationContext) {
    return Promise.resolve(this.evaluate("number", key, fallback, context));
  }

  resolveObjectEvaluation<T extends JsonValue>(
    key: string,
    fallback: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    // An object flag's values are objects, so widening literal types never applies here.
    return Promise.resolve(this.evaluate("object", key, fallback, context) as ResolutionDetails<T>);
  }

  track(name: string, context: EvaluationContext, details: TrackingEventDetails): void {
    this.options.observer?.recordTrack({ name, targetingKey: context.targetingKey, details });
  }

  /** Synchronous evaluation, for callers (OFREP handler, benchmark) that do not need the SDK. */
  evaluate<T extends FlagValue>(
    type: FlagValueType,
    key: string,
    fallback: T,
    context: EvaluationContext,
  ): ResolutionDetails<Widened<T>> {
    // Widening only forgets a literal type (false → boolean), so the value itself is unchanged.
    const widenedFallback = fallback as Widened<T>;
    let details: ResolutionDetails<Widened<T>>;
    try {
      // flagd-core returns a fresh object per call, so setting the reason in place is safe and saves a copy.
      details = this.core.resolve(type, key, widenedFallback, context, this.logger);
      details.reason = this.reasonFor(key, details.reason);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      details = {
        value: widenedFallback,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.GENERAL,
        errorMessage: message,
      };
    }
    this.observe(key, details, context);
    return details;
  }

  /**
   * Evaluation without a caller-declared type (OFREP is untyped): the flag's own variant type is
   * used, so TYPE_MISMATCH cannot happen. Undefined when the flag is not served.
   */
  evaluateUntyped(key: string, context: EvaluationContext): ResolutionDetails<FlagValue> | undefined {
    const sample: FlagValue | undefined = this.core.getFlag(key)?.variants.values().next().value;
    if (sample === undefined) return undefined;
    return this.evaluate(flagValueType(sample), key, sample, context);
  }

  /** Keys of the flags currently served (for bulk evaluation). */
  flagKeys(): string[] {
    return [...this.core.getFlags().keys()];
  }

  private reasonFor(key: string, reason: string | undefined): string {
    if (reason === StandardResolutionReasons.ERROR) return reason;
    if (this.stale) return StandardResolutionReasons.STALE;
    if (reason === StandardResolutionReasons.TARGETING_MATCH && this.splitFlags.has(key)) return splitReason;
    return reason ?? StandardResolutionReasons.UNKNOWN;
  }

  private observe(key: string, details: ResolutionDetails<unknown>, context: EvaluationContext): void {
    const observer = this.options.observer;
    if (observer === undefined) return;
    const version = details.flagMetadata?.flagVersion;
    observer.recordEvaluation({
      flagKey: key,
      variant: details.variant,
      reason: details.reason ?? StandardResolutionReasons.UNKNOWN,
      flagVersion: typeof version === "number" ? version : undefined,
      targetingKey: context.targetingKey,
    });
  }

  private follow(): void {
    if (this.closed) return;
    this.unsubscribe = this.store.subscribe(
      (snapshot) => this.apply(snapshot),
      (error) => this.lost(error),
    );
  }

  private apply(snapshot: FlagSnapshot): void {
    const loaded = loadFlagSet(snapshot, this.logger);
    const changed = this.core.setConfigurations(loaded.json);
    this.splitFlags = loaded.splitFlags;
    this.attempt = 0;
    if (this.firstSnapshot !== undefined) {
      this.firstSnapshot();
      this.firstSnapshot = undefined;
      return;
    }
    if (this.stale) {
      this.stale = false;
      this.events.emit(ProviderEvents.Ready);
    }
    if (changed.length > 0) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: changed });
  }

  private lost(error: Error): void {
    this.unsubscribe = undefined;
    this.logger.warn(`flag change stream lost: ${error.message}`);
    if (!this.stale && this.firstSnapshot === undefined) {
      this.stale = true;
      this.events.emit(ProviderEvents.Stale, { message: error.message });
    }
    const delay = (this.options.resubscribeDelayMs ?? defaultBackoff)(this.attempt++);
    this.retryTimer = setTimeout(() => this.follow(), delay);
    this.retryTimer.unref();
  }
}
