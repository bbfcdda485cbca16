import type { Logger } from "../../shared/logger.js";
import type { ChangePublisher, ChangeSource, ClaimedChange } from "./relay-ports.js";

export interface DrainReport {
  batches: number;
  published: number;
  /** Changes whose publish failed: left unpublished for the next drain. */
  failed: number;
  rejected: number;
}

/**
 * Refs that may be marked published: per customer, only the changes before its first
 * unacknowledged one, so a later change is never marked while an earlier one will be republished.
 */
export function acknowledgedPrefixes(changes: ClaimedChange[], acked: Set<string>): string[] {
  const broken = new Set<string>();
  const refs: string[] = [];
  for (const change of changes) {
    const customer = change.message.customerCode;
    if (broken.has(customer)) continue;
    if (acked.has(change.message.changeId)) refs.push(change.ref);
    else broken.add(customer);
  }
  return refs;
}

export interface DrainOptions {
  /** Stop claiming new batches after this instant (epoch ms). */
  deadline: number;
  batchSize: number;
  /** Checked before each claim: a scheduled run asked to hand over stops between batches. */
  shouldStop?: () => boolean;
}

/**
 * Moves unpublished changes from a source to a topic, at least once and in order per customer:
 * claim a batch, publish it, wait for the acknowledgements, mark what was acknowledged.
 * A batch with failures ends the drain (the next drain retries) instead of spinning on a failing topic.
 */
export class RelayService {
  constructor(
    private readonly source: ChangeSource,
    private readonly publisher: ChangePublisher,
    private readonly logger: Logger,
  ) {}

  async drain(options: DrainOptions): Promise<DrainReport> {
    const report: DrainReport = { batches: 0, published: 0, failed: 0, rejected: 0 };
    while (Date.now() < options.deadline && !options.shouldStop?.()) {
      const batch = await this.source.claim(options.batchSize);
      if (batch.changes.length === 0 && batch.rejected.length === 0) {
        await batch.abandon();
        break;
      }
      report.batches += 1;
      let acked: Set<string>;
      try {
        acked = await this.publisher.publishAll(batch.changes.map((change) => change.message));
      } catch (error) {
        await batch.abandon();
        throw error;
      }
      const publishedRefs = acknowledgedPrefixes(batch.changes, acked);
      await batch.complete(publishedRefs);
      report.published += publishedRefs.length;
      report.rejected += batch.rejected.length;
      report.failed += batch.changes.length - publishedRefs.length;
      for (const rejected of batch.rejected)
        this.logger.log("ERROR", "sync change rejected", { ref: rejected.ref, reason: rejected.reason });
      if (publishedRefs.length < batch.changes.length) {
        this.logger.log("WARNING", "publish failed; changes stay unpublished for the next drain", {
          failed: batch.changes.length - publishedRefs.length,
        });
        break;
      }
    }
    return report;
  }
}
