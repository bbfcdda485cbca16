import {
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  isBrokenCircuitError,
  retry,
  type TimeoutPolicy,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import { DomainError } from "../domain/domain-error.js";
import type { SmsLog } from "../domain/sms-log.js";
import { SmsCircuitOpenError, SmsProviderUnavailableError, SmsRejectedError } from "./sms-errors.js";
import type { SmsLogStore } from "./sms-log-store.js";
import type { SmsAccepted, SmsProvider } from "./sms-provider.js";
import { countSegments, smsCost } from "./sms-segments.js";

export interface SmsResilienceOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Per attempt; the HTTP call is aborted when it passes. */
  timeoutMs: number;
  /** Consecutive retryable failures that open the breaker. */
  breakerThreshold: number;
  halfOpenAfterMs: number;
}

/**
 * The order transition waits for its notification, so the worst case (gateway hanging) is
 * bounded: 3 × 2.5 s + backoff ≈ 8 s, and after 5 such failures the breaker answers at once.
 */
export const defaultSmsResilience: SmsResilienceOptions = {
  maxAttempts: 3,
  initialDelayMs: 200,
  maxDelayMs: 1_000,
  timeoutMs: 2_500,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
};

export interface OutgoingSms {
  /** Groups the attempts of one message; also the gateway's de-duplication id. */
  notificationId: string;
  to: string;
  template: string;
  message: string;
  /** Copied into every attempt's SmsLog.metadata (order id, customer code, status). */
  metadata: Record<string, string>;
}

const isRetryable = (error: Error) => error instanceof SmsProviderUnavailableError;

/**
 * Sends through retry (exponential backoff) → circuit breaker → timeout, recording every
 * attempt as an SmsLog. Never throws for provider trouble: the returned log says how it ended.
 * One instance per process, so the breaker sees every send the process makes.
 */
export class ResilientSmsSender {
  readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  /** Around the gateway call only: a slow SmsLog write must not count as a gateway timeout. */
  private readonly callTimeout: TimeoutPolicy;

  constructor(
    private readonly provider: SmsProvider,
    private readonly logs: SmsLogStore,
    private readonly pricePerSegment: string,
    options: SmsResilienceOptions = defaultSmsResilience,
    private readonly now: () => Date = () => new Date(),
  ) {
    smsCost(1, pricePerSegment); // a malformed price fails at composition, not on the first send
    const retryable = handleWhen(isRetryable);
    this.breaker = circuitBreaker(retryable, {
      halfOpenAfter: options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold),
    });
    const retries = retry(retryable, {
      maxAttempts: options.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }),
    });
    this.policy = wrap(retries, this.breaker);
    // Cooperative: the call sees the abort and fails as retryable, so the attempt records it and rethrows.
    this.callTimeout = timeout(options.timeoutMs, TimeoutStrategy.Cooperative);
  }

  async send(sms: OutgoingSms): Promise<SmsLog> {
    const attempts: SmsLog[] = [];
    try {
      return await this.policy.execute(() => this.attempt(sms, attempts));
    } catch (error) {
      if (isBrokenCircuitError(error))
        return this.recordFailure(sms, attempts.length, new SmsCircuitOpenError());
      const last = attempts.at(-1);
      if (last?.status === "failed") return last;
      throw error;
    }
  }

  private async attempt(sms: OutgoingSms, attempts: SmsLog[]): Promise<SmsLog> {
    const attempt = attempts.length;
    const pending = this.logFor(sms, attempt, "pending", {});
    attempts.push(pending);
    await this.logs.save(pending);
    let accepted: SmsAccepted;
    try {
      accepted = await this.callTimeout.execute(({ signal }) =>
        this.provider.send({ to: sms.to, message: sms.message, clientId: sms.notificationId }, signal),
      );
    } catch (error) {
      const failed = { ...this.failureLog(sms, attempt, error), createdAt: pending.createdAt };
      attempts[attempt] = failed;
      await this.logs.save(failed);
      throw error;
    }
    // Outside the try: the message went out, so a failed write here must not be recorded as a failed send.
    const sent = {
      ...this.logFor(sms, attempt, accepted.status, { providerMessageId: accepted.providerMessageId }),
      createdAt: pending.createdAt,
    };
    attempts[attempt] = sent;
    await this.logs.save(sent);
    return sent;
  }

  private async recordFailure(sms: OutgoingSms, attempt: number, error: unknown): Promise<SmsLog> {
    const failed = this.failureLog(sms, attempt, error);
    await this.logs.save(failed);
    return failed;
  }

  private failureLog(sms: OutgoingSms, attempt: number, error: unknown): SmsLog {
    return this.logFor(sms, attempt, "failed", {
      errorCode: error instanceof DomainError ? error.code : "SMS_SEND_FAILED",
      error: error instanceof Error ? error.message : String(error),
      ...(error instanceof SmsProviderUnavailableError || error instanceof SmsRejectedError
        ? { providerCode: error.providerCode }
        : {}),
    });
  }

  private logFor(
    sms: OutgoingSms,
    attempt: number,
    status: SmsLog["status"],
    extra: Record<string, string>,
  ): SmsLog {
    const { encoding, segments } = countSegments(sms.message);
    const at = this.now().toISOString();
    const charged = status === "sent" || status === "delivered";
    return {
      id: `${sms.notificationId}-a${attempt}`,
      recipient: sms.to,
      template: sms.template,
      message: sms.message,
      provider: this.provider.name,
      status,
      cost: charged ? smsCost(segments, this.pricePerSegment) : "0",
      segments,
      retryCount: attempt,
      metadata: { ...sms.metadata, notificationId: sms.notificationId, attempt, encoding, ...extra },
      createdAt: at,
      updatedAt: status === "pending" ? null : at,
    };
  }
}
