import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { TooManyRequestsError } from "../shared/errors.js";

/** Port: admits a request for a client address or a signed-in user, or refuses it (429). */
export interface RequestLimiter {
  admit(kind: "address" | "user", id: string): Promise<void>;
}

export interface RequestLimits {
  /** Requests per minute from one client address, before any token is checked. */
  perAddressPerMinute: number;
  /** Requests per minute of one signed-in user. */
  perUserPerMinute: number;
}

/**
 * Per-instance limits in memory (rate-limiter-flexible's fixed window): no round trip per request,
 * and each Cloud Functions instance limits on its own, so the effective limit is up to
 * `maxInstances ×` these figures. That is the intent: this layer stops a runaway script or a
 * stolen token hammering one instance; Cloud Armor in front of the API bounds the total.
 */
export class MemoryRequestLimiter implements RequestLimiter {
  private readonly limiters: Record<"address" | "user", RateLimiterMemory>;

  constructor(limits: RequestLimits) {
    this.limiters = {
      address: new RateLimiterMemory({
        keyPrefix: "address",
        points: limits.perAddressPerMinute,
        duration: 60,
      }),
      user: new RateLimiterMemory({ keyPrefix: "user", points: limits.perUserPerMinute, duration: 60 }),
    };
  }

  async admit(kind: "address" | "user", id: string): Promise<void> {
    try {
      await this.limiters[kind].consume(id);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new TooManyRequestsError(
        kind === "user"
          ? "Too many requests from your account; wait and retry."
          : "Too many requests from your address; wait and retry.",
        seconds,
      );
    }
  }
}

/** For tests and tools that must not be limited. */
export const unlimited: RequestLimiter = { admit: async () => undefined };
