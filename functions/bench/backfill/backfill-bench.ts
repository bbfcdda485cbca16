/**
 * Backfill throughput: a 10% cohort (drawn by the real sampler) of a seeded register is copied into
 * the Firestore emulator by the backfill (snapshot, mapping, version reads, BulkWriter, stage flip,
 * republish), in its own process; then a bare BulkWriter writes the same documents (read back from
 * the backfill's project, so the same number and the same sizes) into a fresh project, twice, around
 * nothing else. Prints documents per second of each, the ratio (target ≥ 0.6) and the backfill
 * process's peak memory.   npm run bench:backfill [-- --scale 1]
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { type Firestore, getFirestore } from "firebase-admin/firestore";
import pg from "pg";
import { z } from "zod";
import { createIsolatedDatabase } from "../../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../../emulators/src/legacy/seed.js";
import { findFreePort } from "../../../emulators/src/ports.js";
import { startStack } from "../../../emulators/src/stack.js";
import { parseStackConfig } from "../../../emulators/src/stack-config.js";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import { LegacyCohortCandidateFacts } from "../../src/cohorts/legacy-cohort-candidate-facts.js";
import { selectCohort } from "../../src/cohorts/select-cohort.js";
import { applySyncSchema } from "../../src/sync/capture/sync-schema.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const run = promisify(execFile);
const args = z
  .object({ scale: z.coerce.number().positive().max(20).default(1) })
  .parse(parseArgs({ options: { scale: { type: "string" } }, strict: true }).values);

async function main(): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), "luckygas-backfill-bench-"));
  chmodSync(runDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const ports = await Promise.all(Array.from({ length: 7 }, () => findFreePort()));
  const [firestore, pubsub, auth, legacy, hub, logging, api] = ports.map(String);
  const config = parseStackConfig({
    PROJECT_ID: "demo-luckygas-backfill-bench",
    FIRESTORE_PORT: firestore,
    PUBSUB_PORT: pubsub,
    AUTH_PORT: auth,
    LEGACY_DB_PORT: legacy,
    EMULATOR_HUB_PORT: hub,
    EMULATOR_LOGGING_PORT: logging,
    API_PORT: api,
  });
  const stack = await startStack({ repoRoot, config, runDir, functions: [] });
  try {
    await measure(stack.serviceEnv, stack.legacyAdminUrl);
  } finally {
    await stack.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function measure(serviceEnv: Record<string, string>, adminUrl: string): Promise<void> {
  Object.assign(process.env, serviceEnv);
  const url = await createIsolatedDatabase(adminUrl, "backfill_bench");
  const seconds = performance.now();
  await seedLegacyDatabase(url, { seed: 1, scale: args.scale });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await applySyncSchema(pool);
  console.log(`seeded scale ${args.scale} in ${((performance.now() - seconds) / 1000).toFixed(0)} s`);
  const facts = await new LegacyCohortCandidateFacts(pool).load(new Date());
  const drawn = selectCohort(
    { percent: 10, seed: 1, force: true, reason: "benchmark" },
    facts.map((fact) => ({ ...fact, inOtherCohortOrWave: false })),
  );
  if (drawn.outcome === "refused") throw new Error("unreachable: forced");
  const codes = drawn.members.map((member) => member.customerCode);
  await pool.end();
  console.log(`customers ${codes.length} (10% of the ${facts.length} in the register)`);
  for (const throttling of ["on", "off"] as const) {
    const ours = await backfillInChild(url, codes, throttling);
    const documents = await writtenDocuments(getFirestore(firebaseApp(`bench-backfill-${throttling}`)));
    const bare = [
      await bareWrite(documents, `bench-bare-${throttling}-1`, throttling === "on"),
      await bareWrite(documents, `bench-bare-${throttling}-2`, throttling === "on"),
    ];
    const bareRate = bare.reduce((sum, rate) => sum + rate, 0) / bare.length;
    const rate = ours.documents / ours.seconds;
    console.log(
      `\nBulkWriter throttling ${throttling}${throttling === "on" ? " (the default: starts at 500 writes/s)" : ""}`,
    );
    console.log(
      `  backfill        ${rate.toFixed(0)} documents/s: ${ours.documents} records and ledgers of ${ours.done} customers in ${ours.seconds.toFixed(1)} s (snapshot reads, version reads, stage flips, republish included; ${ours.rejected} rows rejected)`,
    );
    console.log(
      `  bare BulkWriter ${bareRate.toFixed(0)} documents/s (runs ${bare.map((r) => r.toFixed(0)).join(", ")}), the same ${documents.length} documents`,
    );
    console.log(`  ratio ${(rate / bareRate).toFixed(2)} (target ≥ 0.60)`);
    console.log(`  peak memory of the backfilling process ${(ours.peakRssKb / 1024).toFixed(0)} MiB`);
    const phases = Object.entries(ours.timings).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`);
    console.log(`  where the backfill waited: ${phases.join(", ")}`);
  }
}

const childOutcome = z.object({
  seconds: z.number(),
  documents: z.int(),
  done: z.int(),
  rejected: z.int(),
  peakRssKb: z.number(),
  timings: z.record(z.string(), z.number()),
});

async function backfillInChild(url: string, codes: string[], throttling: "on" | "off") {
  const child = await run(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "backfill-bench-child.ts")],
    {
      env: {
        ...process.env,
        BACKFILL_PROJECT: `bench-backfill-${throttling}`,
        BACKFILL_LEGACY_URL: url,
        BACKFILL_CODES: codes.join(","),
        BACKFILL_THROTTLING: throttling,
      },
      maxBuffer: 1 << 20,
    },
  );
  return childOutcome.parse(JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}"));
}

/** Every record and ledger the backfill wrote, as plain data with its path. */
async function writtenDocuments(
  db: Firestore,
): Promise<{ path: string; data: FirebaseFirestore.DocumentData }[]> {
  const found: { path: string; data: FirebaseFirestore.DocumentData }[] = [];
  for (const name of ["customers", "orders", "syncLedger"]) {
    for (const doc of (await db.collection(name).get()).docs)
      found.push({ path: doc.ref.path, data: doc.data() });
  }
  return found;
}

async function bareWrite(
  documents: { path: string; data: FirebaseFirestore.DocumentData }[],
  project: string,
  throttling: boolean,
): Promise<number> {
  const db = getFirestore(firebaseApp(project));
  const writer = db.bulkWriter({ throttling });
  const started = performance.now();
  for (const { path, data } of documents) void writer.set(db.doc(path), data);
  await writer.close();
  return documents.length / ((performance.now() - started) / 1000);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
