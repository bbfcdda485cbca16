import type { Logger } from "../../shared/logger.js";
import type { Doorbell } from "./doorbell.js";
import type { DrainReport, RelayService } from "./relay-service.js";

export interface RelayLoopOptions {
  batchSize: number;
  /** Longest wait without a ring before draining anyway (a missed notification costs at most this). */
  idlePollMs: number;
  /** Pause after a failed publish or drain, so a failing topic is not hammered. */
  retryDelayMs: number;
  signal: AbortSignal;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The local (continuous) mode of a relay: the same drain the scheduled HTTP call runs, repeated
 * whenever the source rings the doorbell. Returns the totals when `signal` aborts.
 */
export async function runRelayLoop(
  relay: RelayService,
  doorbell: Doorbell,
  logger: Logger,
  options: RelayLoopOptions,
): Promise<DrainReport> {
  const totals: DrainReport = { batches: 0, published: 0, failed: 0, rejected: 0 };
  while (!options.signal.aborted) {
    const seen = doorbell.rings;
    try {
      const report = await relay.drain({ deadline: Date.now() + 50_000, batchSize: options.batchSize });
      totals.batches += report.batches;
      totals.published += report.published;
      totals.failed += report.failed;
      totals.rejected += report.rejected;
      if (report.failed > 0) await sleep(options.retryDelayMs);
      else if (report.batches === 0) await doorbell.waitSince(seen, options.idlePollMs);
    } catch (error) {
      logger.log("ERROR", "relay drain failed", { error: String(error) });
      await sleep(options.retryDelayMs);
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
    idlePollMs: 1_000,
    retryDelayMs: 1_000,
    signal: new AbortController().signal, // never aborted: a function instance relays until it is stopped
  });
}
