import type pg from "pg";
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
    const result = await this.pool.query<{ backlog: string; oldest: Date | null; published: string }>(
      backlogSql,
      [since],
    );
    const row = result.rows[0];
    return {
      backlog: Number(row?.backlog ?? 0),
      oldestUnpublishedAt: row?.oldest ?? null,
      publishedLast5Minutes: Number(row?.published ?? 0),
    };
  }
}
