import type { Logger } from "../../shared/logger.js";
import type { Doorbell } from "./doorbell.js";
import type { DrainReport, RelayService } from "./relay-service.js";

export interface RelayLoopOptions {
  batchSize: number;
  /** First wait without a ring after changes were relayed: a busy stream's next ones go out fast. */
  busyPollMs: number;
  /**
   * Longest wait without a ring before draining anyway (a missed notification costs at most this).
   * The wait doubles from `busyPollMs` up to this while the source stays empty.
   */
  idlePollMs: number;
  /** Pause after a failed publish or drain, so a failing topic is not hammered. */
  retryDelayMs: number;
  /** Stop at this instant (epoch ms): the end of a scheduled call, or Infinity when continuous. */
  until: number;
  /** Ends the loop between batches (a scheduled run handing over to the next one). */
  shouldStop?: () => boolean;
}

/**
 * How long a relay waits before looking again when nothing rang (the outbox never rings): 20 ms
 * while changes keep coming, backing off to 200 ms. A fixed 200 ms made a change written between
 * two looks of a busy outbox wait 100 ms on average, the largest share of new → legacy lag.
 */
export const relayPolling = { busyPollMs: 20, idlePollMs: 200 } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drains, and when the source is empty waits for a ring or `idlePollMs`, until `until`. Both the
 * scheduled call (until the end of its drain window) and the continuous local mode run this, so
 * a scheduled relay keeps publishing for most of each minute instead of returning at the first
 * empty batch. Returns the totals.
 */
export async function runRelayLoop(
  relay: RelayService,
  doorbell: Doorbell,
  logger: Logger,
  options: RelayLoopOptions,
): Promise<DrainReport> {
  const totals: DrainReport = { batches: 0, published: 0, failed: 0, rejected: 0 };
  const remaining = () => Math.max(0, options.until - Date.now());
  let idleWaitMs = options.busyPollMs;
  while (remaining() > 0 && !options.shouldStop?.()) {
    const seen = doorbell.rings;
    try {
      const report = await relay.drain({
        deadline: Date.now() + Math.min(remaining(), 50_000),
        batchSize: options.batchSize,
        shouldStop: options.shouldStop,
      });
      totals.batches += report.batches;
      totals.published += report.published;
      totals.failed += report.failed;
      totals.rejected += report.rejected;
      if (report.failed > 0) await sleep(Math.min(options.retryDelayMs, remaining()));
      else if (report.batches > 0) idleWaitMs = options.busyPollMs;
      else {
        await doorbell.waitSince(seen, Math.min(idleWaitMs, remaining()));
        idleWaitMs = Math.min(idleWaitMs * 2, options.idlePollMs);
      }
    } catch (error) {
      logger.log("ERROR", "relay drain failed", { error: String(error) });
      await sleep(Math.min(options.retryDelayMs, remaining()));
    }
  }
  return totals;
}

/** Starts the continuous mode for the life of the process, with the settings both relays use. */
export function startContinuousRelay(
  relay: RelayService,
  doorbell: Doorbell,
  logger: Logger,
  batchSize: number,
): void {
  void runRelayLoop(relay, doorbell, logger, {
    batchSize,
    ...relayPolling,
    retryDelayMs: 1_000,
    until: Number.POSITIVE_INFINITY, // a function instance relays until it is stopped
  });
}
