import type { Firestore } from "firebase-admin/firestore";
import { Timestamp } from "firebase-admin/firestore";
import type pg from "pg";
import { collections } from "../../src/sync/firestore-records.js";
import { type LagPercentiles, lagPercentiles } from "../../src/sync/status/sync-status.js";

/** The relay's own share of the lag: capture commit → publish acknowledged, from sync.changes. */
export async function legacyRelayLag(pool: pg.Pool): Promise<LagPercentiles> {
  const result = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM published_at - committed_at) * 1000 AS ms
     FROM sync.changes WHERE published_at IS NOT NULL AND publish_error IS NULL`,
  );
  return lagPercentiles(result.rows.map((row) => Number(row.ms)));
}

/** The outbox relay's share: outbox commit → marked published. */
export async function outboxRelayLag(db: Firestore): Promise<LagPercentiles> {
  const snapshot = await db.collection(collections.outboxPublished).get();
  const lags: number[] = [];
  for (const doc of snapshot.docs) {
    const committed = doc.get("committedAt");
    const published = doc.get("publishedAt");
    if (
      doc.get("publishError") === undefined &&
      committed instanceof Timestamp &&
      published instanceof Timestamp
    )
      lags.push(published.toMillis() - committed.toMillis());
  }
  return lagPercentiles(lags);
}

export function formatPercentiles(label: string, p: LagPercentiles): string {
  const ms = (v: number | null) => (v === null ? "   n/a" : `${String(Math.round(v)).padStart(6)}`);
  return `${label.padEnd(16)} n ${String(p.samples).padStart(5)}  p50 ${ms(p.p50Ms)} ms  p95 ${ms(p.p95Ms)} ms  p99 ${ms(p.p99Ms)} ms`;
}
