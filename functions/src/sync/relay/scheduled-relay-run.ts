import { randomUUID } from "node:crypto";
import type { Logger } from "../../shared/logger.js";
import type { Doorbell } from "./doorbell.js";
import { relayPolling, runRelayLoop } from "./relay-loop.js";
import { type RelayRunLease, relayRunLeaseTiming } from "./relay-run-lease.js";
import type { DrainReport, RelayService } from "./relay-service.js";

/** Cloud Scheduler calls each relay once a minute (infra). */
export const relaySchedulePeriodSeconds = 60;

export interface ScheduledRunReport extends DrainReport {
  /** false: another call held the lease all along and did not hand over in time. */
  ran: boolean;
  /** true: a newer call took over, so this one ended before its window. */
  handedOver: boolean;
}

export interface ScheduledRunDeps {
  relay: RelayService;
  doorbell: Doorbell;
  lease: RelayRunLease;
  logger: Logger;
}

export interface ScheduledRunOptions {
  batchSize: number;
  /** The call's whole window, from its start; longer than the schedule period, so calls overlap. */
  drainSeconds: number;
  /** How long a new call waits for the running one to hand over. */
  acquireWaitMs: number;
  renewEveryMs?: number;
}

/**
 * One scheduled relay call. Every call relays for longer than the schedule period, so there is
 * never a minute without a relay; the run lease makes overlapping calls take turns: the new call
 * asks, the running one finishes its batch and hands over, and no entry is relayed by two calls
 * at once. A call whose holder vanished (killed) waits at most the lease's term.
 */
export async function runScheduledRelay(
  deps: ScheduledRunDeps,
  options: ScheduledRunOptions,
): Promise<ScheduledRunReport> {
  const until = Date.now() + options.drainSeconds * 1000;
  const holder = randomUUID();
  const idle = { batches: 0, published: 0, failed: 0, rejected: 0 };
  if (!(await deps.lease.acquire(holder, Math.min(options.acquireWaitMs, options.drainSeconds * 1000))))
    return { ...idle, ran: false, handedOver: false };
  // An object, not a `let`: the timer's callback changes it behind the loop's back.
  const term: { state: "keep" | "yield" | "lost" } = { state: "keep" };
  const renew = async () => {
    if (term.state !== "keep") return; // a yield or a loss is final for this call
    term.state = await deps.lease.renew(holder).catch((error: unknown) => {
      deps.logger.log("WARNING", "relay lease renewal failed", { error: String(error) });
      return "keep" as const; // one failed renewal is not a lost lease: its term is 15 renewals long
    });
  };
  const timer = setInterval(() => void renew(), options.renewEveryMs ?? relayRunLeaseTiming.renewEveryMs);
  try {
    const report = await runRelayLoop(deps.relay, deps.doorbell, deps.logger, {
      batchSize: options.batchSize,
      ...relayPolling,
      retryDelayMs: 1_000,
      until,
      shouldStop: () => term.state !== "keep",
    });
    return { ...report, ran: true, handedOver: term.state !== "keep" };
  } finally {
    clearInterval(timer);
    if (term.state !== "lost")
      await deps.lease.release(holder).catch((error: unknown) => {
        deps.logger.log("WARNING", "relay lease release failed", { error: String(error) });
      });
  }
}
