import type { Logger } from "../../shared/logger.js";
import type { Doorbell } from "./doorbell.js";
import type { DrainReport, RelayService } from "./relay-service.js";

export interface RelayLoopOptions {
  batchSize: number;
  /** Longest wait without a ring before draining anyway (a missed notification costs at most this). */
  idlePollMs: number;
  /** Pause after a failed publish or drain, so a failing topic is not hammered. */
  retryDelayMs: number;
  /** Stop at this instant (epoch ms): the end of a scheduled call, or Infinity when continuous. */
  until: number;
}

/** How long an idle relay waits before looking again when nothing rang (the outbox never rings). */
export const relayIdlePollMs = 200;

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
  while (remaining() > 0) {
    const seen = doorbell.rings;
    try {
      const report = await relay.drain({
        deadline: Date.now() + Math.min(remaining(), 50_000),
        batchSize: options.batchSize,
      });
      totals.batches += report.batches;
      totals.published += report.published;
      totals.failed += report.failed;
      totals.rejected += report.rejected;
      if (report.failed > 0) await sleep(Math.min(options.retryDelayMs, remaining()));
      else if (report.batches === 0)
        await doorbell.waitSince(seen, Math.min(options.idlePollMs, remaining()));
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
    idlePollMs: relayIdlePollMs,
    retryDelayMs: 1_000,
    until: Number.POSITIVE_INFINITY, // a function instance relays until it is stopped
  });
}
