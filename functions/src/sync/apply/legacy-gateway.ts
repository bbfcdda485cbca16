import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import type pg from "pg";
import { DomainError } from "../../domain/domain-error.js";
import { DependencyUnavailableError } from "../../shared/errors.js";
import { withSyncOrigin } from "../capture/sync-origin.js";
import { isPermanentDatabaseError } from "./apply-errors.js";

export type BreakerState = "closed" | "open" | "half-open" | "isolated";

/** Port: publishes the breaker's state (Firestore `syncState/legacyBreaker` for the status endpoint). */
export interface BreakerStateSink {
  record(state: BreakerState, at: Date): Promise<void>;
}

export interface LegacyGatewayOptions {
  timeoutMs: number;
  halfOpenAfterMs: number;
  consecutiveFailures: number;
}

const stateNames: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};

/**
 * Every legacy transaction of the apply goes through a circuit breaker and a timeout: while the
 * database is down, calls fail fast (the push is nacked and redelivered) instead of piling up.
 * Data/constraint errors are the message's fault, not the database's, and do not trip it.
 */
export class LegacyGateway {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy;

  constructor(
    private readonly pool: pg.Pool,
    sink: BreakerStateSink,
    options: LegacyGatewayOptions,
  ) {
    this.breaker = circuitBreaker(
      // Only the database's own failures count: a domain error is about the message, not the database.
      handleWhen((error) => !isPermanentDatabaseError(error) && !(error instanceof DomainError)),
      {
        halfOpenAfter: options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.consecutiveFailures),
      },
    );
    this.breaker.onStateChange((state) => {
      sink.record(stateNames[state], new Date()).catch(() => undefined);
    });
    this.policy = wrap(this.breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  }

  get state(): BreakerState {
    return stateNames[this.breaker.state];
  }

  /** Runs `work` in one transaction with sync origin set, so the capture triggers skip it. */
  async inSyncTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(({ signal }) => this.transaction(work, signal));
    } catch (error) {
      if (error instanceof BrokenCircuitError)
        throw new DependencyUnavailableError(
          "Legacy database circuit is open; the message will be redelivered.",
        );
      throw error;
    }
  }

  /**
   * One transaction on its own connection. At the timeout the caller has already given up (the
   * lease is released, the push nacked): the connection is destroyed there and then, so the
   * transaction can never reach COMMIT against a base the ledger has moved past.
   */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, signal: AbortSignal): Promise<T> {
    const client = await this.pool.connect();
    let released = false;
    const release = (destroy: boolean) => {
      if (released) return;
      released = true;
      client.release(destroy);
    };
    const onTimeout = () => release(true);
    signal.addEventListener("abort", onTimeout, { once: true });
    let failed = false;
    try {
      return await withSyncOrigin(client, () => work(client));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      signal.removeEventListener("abort", onTimeout);
      // After a failure the connection may be dead (database restart): never hand it out again.
      release(failed);
    }
  }
}
