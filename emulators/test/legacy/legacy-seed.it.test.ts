import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedSeedCounts } from "../../src/legacy/generator/expected-counts.js";
import { historyDays } from "../../src/legacy/generator/plan.js";
import { createIsolatedDatabase, dropDatabase } from "../../src/legacy/isolated-database.js";
import { type SeedProgress, seedLegacyDatabase } from "../../src/legacy/seed.js";
import { startTestServer, type TestServer } from "./legacy-test-server.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const seedCli = fileURLToPath(new URL("../../src/legacy/seed-cli.ts", import.meta.url));
const databases = ["seed_it_small", "seed_it_killed", "seed_it_reference"] as const;

async function one<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = (await client.query<T>(sql)).rows[0];
    if (!row) throw new Error(`no row from ${sql}`);
    return row;
  } finally {
    await client.end();
  }
}

const expectedCounts = expectedSeedCounts;

/** Row counts plus an md5 over every row in key order: equal fingerprints mean identical tables. */
const fingerprintSql = `SELECT
  (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM drivers)::int AS drivers,
  (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM deliveries)::int AS deliveries,
  (SELECT count(DISTINCT delivery_no) FROM deliveries)::int AS distinct_deliveries,
  (SELECT md5(string_agg(c::text, '|' ORDER BY client_code)) FROM clients c) AS clients_md5,
  (SELECT md5(string_agg(d::text, '|' ORDER BY delivery_no)) FROM deliveries d) AS deliveries_md5,
  (SELECT md5(string_agg(p::text, '|' ORDER BY product_code)) FROM products p) AS products_md5,
  (SELECT md5(string_agg(r::text, '|' ORDER BY driver_code)) FROM drivers r) AS drivers_md5`;

describe("seedLegacyDatabase", () => {
  let server: TestServer;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(15435);
    for (const name of databases) urls[name] = await createIsolatedDatabase(server.adminUrl, name);
  });

  afterAll(async () => {
    for (const name of databases) await dropDatabase(server.adminUrl, name);
    await server.stop();
  });

  it("seeds a small scale to the generator's counts, and a rerun is a fast no-op", async () => {
    const url = urls.seed_it_small ?? "";
    const updates: SeedProgress[] = [];
    const counts = await seedLegacyDatabase(url, {
      seed: 5,
      scale: 0.05,
      onProgress: (update) => updates.push(update),
    });
    const expected = expectedCounts(5, 0.05);
    expect(counts).toEqual(expected);
    expect(await one(url, fingerprintSql)).toMatchObject({
      ...expected,
      distinct_deliveries: expected.deliveries,
    });
    expect(updates.at(-1)).toEqual({
      table: "deliveries",
      batchesDone: historyDays,
      batchesTotal: historyDays,
    });

    const lastWrite = await one<{ at: Date }>(url, "SELECT max(completed_at) AS at FROM seed.progress");
    const started = Date.now();
    expect(await seedLegacyDatabase(url, { seed: 5, scale: 0.05 })).toEqual(expected);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await one(url, "SELECT max(completed_at) AS at FROM seed.progress")).toEqual(lastWrite);
  });

  it("refuses to mix another seed into a seeded database", async () => {
    await expect(
      seedLegacyDatabase(urls.seed_it_small ?? "", { seed: 6, scale: 0.05 }),
    ).rejects.toMatchObject({
      code: "SEED_MISMATCH",
    });
  });

  it("resumes after the seeding process is killed -9 and ends identical to an uninterrupted seed", async () => {
    const killedUrl = urls.seed_it_killed ?? "";
    const child = spawn(
      process.execPath,
      ["--import", "tsx", seedCli, "--url", killedUrl, "--seed", "9", "--scale", "0.3"],
      { cwd: repoRoot, stdio: "ignore" },
    );
    let exited = false;
    child.on("exit", () => {
      exited = true;
    });
    const batchesSql = "SELECT count(*)::int AS n FROM seed.progress WHERE table_name = 'deliveries'";
    // Kill it well into the deliveries, while batches are being committed.
    for (;;) {
      const { n } = await one<{ n: number }>(killedUrl, batchesSql).catch(() => ({ n: 0 }));
      if (n >= 150 || exited) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(exited).toBe(false);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const interrupted = await one<{ batches: number; rows: number; recorded: number; finished: boolean }>(
      killedUrl,
      `SELECT (SELECT count(*) FROM seed.progress WHERE table_name = 'deliveries')::int AS batches,
        (SELECT count(*) FROM deliveries)::int AS rows,
        (SELECT coalesce(sum(row_count), 0) FROM seed.progress WHERE table_name = 'deliveries')::int AS recorded,
        (SELECT bool_and(finished_at IS NOT NULL) FROM seed.runs) AS finished`,
    );
    expect(interrupted.finished).toBe(false);
    expect(interrupted.batches).toBeLessThan(historyDays);
    // Atomic batches: rows on disk are exactly the recorded batches, no half-written day.
    expect(interrupted.rows).toBe(interrupted.recorded);

    const expected = expectedCounts(9, 0.3);
    expect(await seedLegacyDatabase(killedUrl, { seed: 9, scale: 0.3 })).toEqual(expected);
    expect(await seedLegacyDatabase(urls.seed_it_reference ?? "", { seed: 9, scale: 0.3 })).toEqual(expected);
    const resumed = await one(killedUrl, fingerprintSql);
    expect(resumed).toMatchObject({ ...expected, distinct_deliveries: expected.deliveries });
    expect(resumed).toEqual(await one(urls.seed_it_reference ?? "", fingerprintSql));
  });

  it("the CLI rejects bad arguments with exit code 2 and a message", () => {
    for (const args of [
      ["--scale", "abc"],
      ["--scale", "100"],
      ["--seed", "-1"],
      ["--bogus"],
      ["--url", "mysql://x"],
    ]) {
      const result = spawnSync(
        process.execPath,
        ["--import", "tsx", seedCli, "--url", "postgres://x/y", ...args],
        {
          cwd: repoRoot,
          encoding: "utf8",
          env: { ...process.env, LEGACY_DATABASE_URL: "" },
        },
      );
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("usage: seed-cli");
    }
  });
});
