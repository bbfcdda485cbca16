import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../../../emulators/src/legacy/seed.js";
import {
  applySyncSchema,
  assertSyncSchema,
  installedSyncSchemaVersion,
  syncSchemaVersion,
} from "../../../src/sync/capture/sync-schema.js";
import { type RunningFunction, startFunction } from "../../support/function-harness.js";
import { testEnv, uniqueProjectId } from "../../support/test-env.js";

/**
 * Change capture is installed by an explicit, versioned migration, never at run time: installing
 * triggers takes ACCESS EXCLUSIVE locks on the vendor tables, and a relay's cold start queued
 * behind the vendor's nightly job would stall every statement of the vendor application.
 */
const env = testEnv();
let url: string;
let pool: pg.Pool;
let relay: RunningFunction | undefined;

beforeAll(async () => {
  url = await createIsolatedDatabase(env.LEGACY_ADMIN_URL, "capture_migration");
  await seedLegacyDatabase(url, { seed: 3, scale: 0.002 });
  pool = new pg.Pool({ connectionString: url, max: 4 });
});

afterAll(async () => {
  await relay?.stop();
  await pool?.end();
});

/** A vendor transaction that has updated a client and not committed (the nightly job, mid-run). */
async function vendorTransactionHoldingLocks(): Promise<pg.PoolClient> {
  const client = await pool.connect();
  await client.query("BEGIN");
  await client.query(
    "UPDATE clients SET balance = balance WHERE client_code = (SELECT min(client_code) FROM clients)",
  );
  return client;
}

async function answersWithin(ms: number, call: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([call().then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe("capture migration", () => {
  it("refuses to run without capture, naming the command, and records the version it installs", async () => {
    expect(await installedSyncSchemaVersion(pool)).toBe(0);
    await expect(assertSyncSchema(pool)).rejects.toThrow(/npm run sync:migrate/);
    await applySyncSchema(pool);
    expect(await installedSyncSchemaVersion(pool)).toBe(syncSchemaVersion);
    await expect(assertSyncSchema(pool)).resolves.toBeUndefined();
  });

  it("a relay's cold start takes no lock: it answers while a vendor transaction holds rows, and so do other vendor writes", async () => {
    const vendor = await vendorTransactionHoldingLocks();
    try {
      relay = await startFunction({
        name: "syncLegacyRelay",
        entry: "src/deployables/sync-legacy-relay/index.ts",
        signature: "http",
        env: {
          GCLOUD_PROJECT: uniqueProjectId("capture-migration"),
          FIRESTORE_EMULATOR_HOST: env.FIRESTORE_EMULATOR_HOST,
          PUBSUB_EMULATOR_HOST: env.PUBSUB_EMULATOR_HOST,
          LEGACY_DATABASE_URL: url,
          METADATA_SERVER_DETECTION: "none",
          LOG_LEVEL: "WARNING",
        },
      });
      const healthz = new URL("healthz", relay.url);
      let status = 0;
      const answered = await answersWithin(10_000, async () => {
        status = (await fetch(healthz)).status;
      });
      expect(answered).toBe(true);
      expect(status).toBe(200);
      // Another vendor statement on the same table is not queued behind anything of ours.
      const other = await answersWithin(3_000, () =>
        pool.query(
          "UPDATE clients SET balance = balance WHERE client_code = (SELECT max(client_code) FROM clients)",
        ),
      );
      expect(other).toBe(true);
    } finally {
      await vendor.query("ROLLBACK");
      vendor.release();
    }
  });

  it("the migration itself gives up after its lock timeout instead of stalling the vendor tables", async () => {
    const vendor = await vendorTransactionHoldingLocks();
    const started = Date.now();
    try {
      await expect(applySyncSchema(pool)).rejects.toMatchObject({ code: "DEPENDENCY_UNAVAILABLE" });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await vendor.query("ROLLBACK");
      vendor.release();
    }
    expect(await installedSyncSchemaVersion(pool)).toBe(syncSchemaVersion);
  });
});
