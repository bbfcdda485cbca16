/**
 * Sync lag benchmark: at BENCH_RATE changes/s (default 50) for BENCH_SECONDS (default 60) in each
 * direction, lag from the source commit to the change written on the other side (the apply
 * functions' own samples, as GET /v1/sync/status reports them; no listener or poller loads the
 * emulators while measuring):
 *   legacy → new: UPDATE clients → trigger → relay → Pub/Sub push → syncApplyToNew → Firestore
 *   new → legacy: Firestore record + outbox → relay → Pub/Sub push → syncApplyToLegacy → PostgreSQL
 * and, in the same run, the bare path (publish one message, push it to a function, write one
 * Firestore document) measured the same way. Pushes are delivered with Cloud Pub/Sub's concurrency
 * (OrderedPushDelivery), not the emulator's one-at-a-time push. Prints figures; targets: p50 ≤ 2× bare, p99 ≤ 3×,
 * legacy → new p99 < 2 s.     npm run bench:sync
 */
import { PubSub } from "@google-cloud/pubsub";
import pg from "pg";
import { z } from "zod";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { type LagPercentiles, lagPercentiles } from "../../src/sync/status/sync-status.js";
import { runBarePath, runLegacyToNew, runNewToLegacy, seedBenchCustomers } from "./bench-phases.js";
import { startBenchStack } from "./bench-stack.js";
import { withMachineCpu } from "./machine-cpu.js";
import { formatPercentiles, legacyRelayLag, outboxRelayLag } from "./relay-lag.js";

const benchEnv = z
  .object({
    BENCH_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
    BENCH_RATE: z.coerce.number().int().min(1).max(500).default(50),
    BENCH_CUSTOMERS: z.coerce.number().int().min(1).max(500).default(50),
    /** Each path runs this long first, unmeasured: the emulators' JVMs and the functions warm up. */
    /** Processes per pushed-to function (apply functions and the bare one), as Cloud Functions scales out. */
    BENCH_INSTANCES: z.coerce.number().int().min(1).max(4).default(2),
    BENCH_WARMUP_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
  })
  .parse(process.env);

interface Measured {
  label: string;
  lags: LagPercentiles;
  /** How busy the machine was during the phase (machine-cpu.ts). */
  busy: string;
}

function line({ label, lags, busy }: Measured, sent: number): string {
  const ms = (v: number | null) => (v === null ? "   n/a" : `${String(Math.round(v)).padStart(6)}`);
  return `${label.padEnd(16)} sent ${String(sent).padStart(5)}  applied ${String(lags.samples).padStart(5)}  p50 ${ms(lags.p50Ms)} ms  p95 ${ms(lags.p95Ms)} ms  p99 ${ms(lags.p99Ms)} ms  CPU ${busy}`;
}

function ratio(full: LagPercentiles, bare: LagPercentiles): string {
  const r = (x: number | null, y: number | null) => (x === null || !y ? "n/a" : (x / y).toFixed(2));
  return `p50 ${r(full.p50Ms, bare.p50Ms)}× bare (target ≤ 2), p99 ${r(full.p99Ms, bare.p99Ms)}× bare (target ≤ 3)`;
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = "none";
  const bench = await startBenchStack(benchEnv.BENCH_INSTANCES);
  const env = bench.stack.serviceEnv;
  // The admin SDK finds the emulators through the environment, like the functions do.
  process.env.FIRESTORE_EMULATOR_HOST = env.FIRESTORE_EMULATOR_HOST;
  const db = firestoreFor(firebaseApp(bench.projectId));
  const pubsub = new PubSub({ projectId: bench.projectId, apiEndpoint: env.PUBSUB_EMULATOR_HOST });
  const pool = new pg.Pool({ connectionString: env.LEGACY_DATABASE_URL, max: 10 });
  pool.on("error", () => undefined); // the stack stopping under us must not crash before cleanup
  // Ctrl-C or a timeout's SIGTERM: stop every service the bench started, then leave.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void bench.stop().finally(() => process.exit(130)));
  const { BENCH_SECONDS: seconds, BENCH_RATE: rate } = benchEnv;
  const sent = rate * seconds;
  try {
    console.log(
      `Stack up. Bench: ${rate} changes/s for ${seconds} s per direction, ${benchEnv.BENCH_INSTANCES} instance(s) per pushed-to function.`,
    );
    const codes = await seedBenchCustomers(firebaseApp(bench.projectId), db, pool, benchEnv.BENCH_CUSTOMERS);
    const warmUp = benchEnv.BENCH_WARMUP_SECONDS;
    if (warmUp > 0) {
      await runBarePath(db, pubsub, bench.bareUrls, codes, rate, warmUp);
      await runLegacyToNew(db, pool, codes, rate, warmUp);
      await runNewToLegacy(db, codes, rate, warmUp);
      console.log(`Warm-up done (${warmUp} s per path, not measured).`);
    }
    const measure = async (label: string, run: () => Promise<number[]>): Promise<Measured> => {
      const { result, busy } = await withMachineCpu(run);
      const measured = { label, lags: lagPercentiles(result), busy };
      console.log(line(measured, sent));
      return measured;
    };
    const bare = await measure("bare path", () =>
      runBarePath(db, pubsub, bench.bareUrls, codes, rate, seconds),
    );
    const toNew = await measure("legacy → new", () => runLegacyToNew(db, pool, codes, rate, seconds));
    const toLegacy = await measure("new → legacy", () => runNewToLegacy(db, codes, rate, seconds));
    console.log(
      "\nLag (source commit, or publish for the bare path → written on the other side, timed by the function that wrote it;",
    );
    console.log("CPU: how busy the whole machine was during the phase, every process included):");
    for (const measured of [bare, toNew, toLegacy]) console.log(line(measured, sent));
    console.log("\nRelay share (source commit → publish acknowledged and marked):");
    console.log(formatPercentiles("legacy relay", await legacyRelayLag(pool)));
    console.log(formatPercentiles("outbox relay", await outboxRelayLag(db)));
    console.log(`\nlegacy → new: ${ratio(toNew.lags, bare.lags)}; p99 target < 2000 ms`);
    console.log(`new → legacy: ${ratio(toLegacy.lags, bare.lags)}`);
  } finally {
    await pool.end();
    await pubsub.close();
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:sync failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
