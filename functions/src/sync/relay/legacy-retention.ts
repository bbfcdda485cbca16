import type pg from "pg";

export interface RetentionOptions {
  /** Pub/Sub keeps an unacknowledged message at most 7 days: after that no redelivery needs a row. */
  retentionDays: number;
  /** Rows per DELETE, so a long-neglected table is trimmed without one huge transaction. */
  batchSize: number;
  /** Least time between purges of one instance (the scheduled relay is called every minute). */
  everyMs: number;
}

export const defaultRetention: RetentionOptions = { retentionDays: 7, batchSize: 5_000, everyMs: 3_600_000 };

export interface PurgeReport {
  /** `sync.changes` rows published (or rejected) longer ago than the retention. */
  changes: number;
  /** `sync.applied_changes` journal rows older than the retention. */
  appliedChanges: number;
}

// Both use the database's clock, the one that stamped the rows; indexes on published_at and applied_at.
const purgeChangesSql = `DELETE FROM sync.changes WHERE id IN (
  SELECT id FROM sync.changes WHERE published_at < now() - make_interval(days => $1) LIMIT $2)`;
const purgeAppliedSql = `DELETE FROM sync.applied_changes WHERE change_id IN (
  SELECT change_id FROM sync.applied_changes WHERE applied_at < now() - make_interval(days => $1) LIMIT $2)`;

/**
 * Deletes what the sync no longer needs from its own tables in the legacy database: captured
 * changes published more than a week ago, and apply-journal rows older than a week. Unpublished
 * changes and vendor tables are never touched. Once every row of a record is purged, its tombstone
 * bound (newest captured id) reads 0 — right, since none of its changes can still be in flight.
 */
export class LegacyRetention {
  private lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: RetentionOptions = defaultRetention,
    private readonly now: () => number = Date.now,
  ) {}

  /** Purges at most once per `everyMs`; null when it was not yet due. */
  async purgeIfDue(): Promise<PurgeReport | null> {
    if (this.now() - this.lastRunAt < this.options.everyMs) return null;
    this.lastRunAt = this.now();
    return this.purge();
  }

  async purge(): Promise<PurgeReport> {
    return {
      changes: await this.deleteInBatches(purgeChangesSql),
      appliedChanges: await this.deleteInBatches(purgeAppliedSql),
    };
  }

  private async deleteInBatches(sql: string): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted =
        (await this.pool.query(sql, [this.options.retentionDays, this.options.batchSize])).rowCount ?? 0;
      total += deleted;
      if (deleted < this.options.batchSize) return total;
    }
  }
}
