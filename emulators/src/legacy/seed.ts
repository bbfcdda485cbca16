import pg from "pg";
import {
  legacyClientColumns,
  legacyDeliveryColumns,
  legacyDriverRowSchema,
  legacyProductRowSchema,
} from "../../../functions/src/legacy/legacy-rows.js";
import { insertRows } from "./bulk-insert.js";
import { ClientSampler } from "./generator/client-sampler.js";
import { allClientProfiles, generateClientBatch } from "./generator/clients.js";
import { generateDeliveryBatch } from "./generator/deliveries.js";
import { generateDrivers } from "./generator/drivers.js";
import { runKey, type SeedOptions, type SeedPlan, seedPlan } from "./generator/plan.js";
import { generateProducts } from "./generator/products.js";
import { applyLegacySchema } from "./legacy-schema.js";
import * as progress from "./seed-progress.js";

export type { SeedCounts, SeedTable } from "./seed-progress.js";

export interface SeedProgress {
  table: progress.SeedTable;
  batchesDone: number;
  batchesTotal: number;
}

export interface SeedLegacyOptions extends SeedOptions {
  /** Called when a table starts, roughly every 10% of its batches, and when it is complete. */
  onProgress?: (update: SeedProgress) => void;
}

interface TableJob {
  table: progress.SeedTable;
  columns: readonly string[];
  batches: number;
  rowsOf: (batchNo: number) => readonly Readonly<Record<string, unknown>>[];
}

/**
 * Fills the vendor tables with the deterministic synthetic history for (seed, scale).
 * Resumable: each batch commits together with its seed.progress record, so after any crash
 * (even kill -9) a rerun redoes only missing batches; ON CONFLICT DO NOTHING guards the rest.
 * A finished seed returns at once.
 */
export async function seedLegacyDatabase(
  url: string,
  options: SeedLegacyOptions,
): Promise<progress.SeedCounts> {
  const plan = seedPlan({ seed: options.seed, scale: options.scale });
  const key = runKey(plan);
  await applyLegacySchema(url);
  const client = new pg.Client({ connectionString: url });
  // A server stopped mid-seed (Ctrl-C) ends the connection: the pending query rejects, which is
  // enough; without a listener the client's 'error' event would crash the whole process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    // Each batch still commits atomically with its progress record; not waiting for the WAL
    // flush only risks losing the last few batches if the *server* crashes, and those are redone.
    await client.query("SET synchronous_commit = off");
    // The seed stands for data the vendor system already held before the migration: the sync's
    // change capture (emulators/legacy/sync-schema.sql) skips writes tagged with this origin.
    await client.query("SET luckygas.origin = 'seed'");
    await progress.lockSeeding(client);
    if (!(await progress.beginRun(client, key, plan.seed, plan.scale))) {
      const done = await progress.completedBatches(client, key);
      for (const job of tableJobs(plan)) await runJob(client, key, job, done, options.onProgress);
      await progress.finishRun(client, key);
    }
    return await progress.seededCounts(client, key);
  } finally {
    // Ending the session also releases the advisory lock.
    await client.end();
  }
}

function tableJobs(plan: SeedPlan): TableJob[] {
  // Built lazily: a resumed seed whose deliveries are all done never regenerates the clients.
  let sampler: ClientSampler | undefined;
  const samplerOf = () => {
    sampler ??= new ClientSampler(allClientProfiles(plan));
    return sampler;
  };
  return [
    {
      table: "products",
      columns: Object.keys(legacyProductRowSchema.shape),
      batches: 1,
      rowsOf: () => generateProducts(),
    },
    {
      table: "drivers",
      columns: Object.keys(legacyDriverRowSchema.shape),
      batches: 1,
      rowsOf: () => generateDrivers(plan.seed),
    },
    {
      table: "clients",
      columns: legacyClientColumns,
      batches: plan.clientBatches,
      rowsOf: (batchNo) => generateClientBatch(plan, batchNo).rows,
    },
    {
      table: "deliveries",
      columns: legacyDeliveryColumns,
      batches: plan.deliveryBatches,
      rowsOf: (batchNo) => generateDeliveryBatch(plan, samplerOf(), batchNo),
    },
  ];
}

async function runJob(
  client: pg.Client,
  key: string,
  job: TableJob,
  done: ReadonlySet<string>,
  onProgress: SeedLegacyOptions["onProgress"],
): Promise<void> {
  const report = (batchesDone: number) =>
    onProgress?.({ table: job.table, batchesDone, batchesTotal: job.batches });
  const reportEvery = Math.max(1, Math.ceil(job.batches / 10));
  report(0);
  for (let batchNo = 0; batchNo < job.batches; batchNo += 1) {
    if (!done.has(progress.batchId(job.table, batchNo))) await commitBatch(client, key, job, batchNo);
    if ((batchNo + 1) % reportEvery === 0 && batchNo + 1 < job.batches) report(batchNo + 1);
  }
  report(job.batches);
}

async function commitBatch(client: pg.Client, key: string, job: TableJob, batchNo: number): Promise<void> {
  const rows = job.rowsOf(batchNo);
  await client.query("BEGIN");
  try {
    await insertRows(client, job.table, job.columns, rows);
    await progress.recordBatch(client, key, job.table, batchNo, rows.length);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
