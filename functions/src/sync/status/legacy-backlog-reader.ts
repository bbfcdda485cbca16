import type pg from "pg";
import { DependencyUnavailableError } from "../../shared/errors.js";
import type { BacklogFigures, BacklogReader } from "./status-ports.js";

const backlogSql = `
SELECT
  (SELECT count(*) FROM sync.changes WHERE published_at IS NULL) AS backlog,
  (SELECT min(committed_at) FROM sync.changes WHERE published_at IS NULL) AS oldest,
  (SELECT count(*) FROM sync.changes
    WHERE published_at IS NOT NULL AND published_at > $1 AND publish_error IS NULL) AS published`;

/** Legacy → new backlog, from `sync.changes` (partial indexes keep both counts cheap). */
export class LegacyBacklogReader implements BacklogReader {
  constructor(private readonly pool: pg.Pool) {}

  async read(now: Date): Promise<BacklogFigures> {
    const since = new Date(now.getTime() - 5 * 60_000);
    const result = await this.pool
      .query<{ backlog: string; oldest: Date | null; published: string }>(backlogSql, [since])
      .catch((error: { code?: string }) => {
        // 42P01 undefined_table: the legacy relay installs capture at its first start.
        if (error.code === "42P01")
          throw new DependencyUnavailableError(
            "Change capture is not installed in the legacy database yet (syncLegacyRelay installs it when it starts).",
          );
        throw error;
      });
    const row = result.rows[0];
    return {
      backlog: Number(row?.backlog ?? 0),
      oldestUnpublishedAt: row?.oldest ?? null,
      publishedLast5Minutes: Number(row?.published ?? 0),
    };
  }
}
