import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { applySyncSchema } from "../../../src/sync/capture/sync-schema.js";
import { LegacyRetention } from "../../../src/sync/relay/legacy-retention.js";
import { testEnv } from "../../support/test-env.js";
import { insertRow } from "./relay-test-support.js";

/** The sync's own legacy tables are trimmed to what a redelivery could still need, nothing more. */
let pool: pg.Pool;

beforeAll(async () => {
  const url = await createIsolatedDatabase(testEnv().LEGACY_ADMIN_URL, "relay_retention");
  pool = new pg.Pool({ connectionString: url, max: 4 });
  await applySyncSchema(pool);
}, 60_000);
afterAll(async () => {
  await pool?.end();
});

const count = async (sql: string) => Number((await pool.query(sql)).rows[0].n);

describe("legacy retention", () => {
  it("purges changes published and journal rows written over a week ago, in batches, and keeps the rest", async () => {
    for (let n = 1; n <= 7; n += 1)
      await insertRow(pool, "clients", sampleClientRow({ client_code: `070000${n}` }));
    // 5 published 8 days ago (one of them rejected), 1 published yesterday, 1 not yet published.
    await pool.query(`UPDATE sync.changes SET published_at = now() - interval '8 days'
      WHERE id IN (SELECT id FROM sync.changes ORDER BY id LIMIT 5)`);
    await pool.query(
      `UPDATE sync.changes SET publish_error = 'rejected' WHERE id = (SELECT min(id) FROM sync.changes)`,
    );
    await pool.query(`UPDATE sync.changes SET published_at = now() - interval '1 day'
      WHERE id = (SELECT id FROM sync.changes WHERE published_at IS NULL ORDER BY id LIMIT 1)`);
    for (const [id, age] of [
      ["old-1", "9 days"],
      ["old-2", "8 days"],
      ["recent", "6 days"],
    ])
      await pool.query(
        `INSERT INTO sync.applied_changes (change_id, entity, pk, result, applied_at)
         VALUES ($1, 'customer', '0700001', '{}'::jsonb, now() - $2::interval)`,
        [id, age],
      );

    const retention = new LegacyRetention(pool, { retentionDays: 7, batchSize: 2, everyMs: 60_000 });
    expect(await retention.purgeIfDue()).toEqual({ changes: 5, appliedChanges: 2 });
    expect(await count("SELECT count(*) AS n FROM sync.changes")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM sync.changes WHERE published_at IS NULL")).toBe(1);
    expect((await pool.query("SELECT change_id FROM sync.applied_changes")).rows).toEqual([
      { change_id: "recent" },
    ]);
    expect(await count("SELECT count(*) AS n FROM clients")).toBe(7); // vendor rows untouched

    await pool.query("UPDATE sync.changes SET published_at = now() - interval '30 days'");
    expect(await retention.purgeIfDue()).toBeNull(); // not due again within `everyMs`
    expect(await retention.purge()).toEqual({ changes: 2, appliedChanges: 0 });
  });
});
