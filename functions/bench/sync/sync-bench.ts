/**
 * Sync lag benchmark: at BENCH_RATE changes/s (default 50) for BENCH_SECONDS (default 60) in each
 * direction, end-to-end lag from the source commit to the change being visible on the other side:
 *   legacy → new: UPDATE clients → trigger → relay → Pub/Sub push → syncApplyToNew → Firestore
 *   new → legacy: Firestore record + outbox → relay → Pub/Sub push → syncApplyToLegacy → PostgreSQL
 * and, in the same run, the bare path (publish one message, push it to a function, write one
 * Firestore document) measured the same way. Prints figures; targets: p50 ≤ 2× bare, p99 ≤ 3×,
 * legacy → new p99 < 2 s.     npm run bench:sync
 */
import { PubSub } from "@google-cloud/pubsub";
import pg from "pg";
import { z } from "zod";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { runBarePath, runLegacyToNew, runNewToLegacy, seedBenchCustomers } from "./bench-phases.js";
import { startBenchStack } from "./bench-stack.js";
import type { LagRecorder } from "./lag-recorder.js";
import { formatPercentiles, legacyRelayLag, outboxRelayLag } from "./relay-lag.js";

const benchEnv = z
  .object({
    BENCH_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
    BENCH_RATE: z.coerce.number().int().min(1).max(500).default(50),
    BENCH_CUSTOMERS: z.coerce.number().int().min(1).max(500).default(50),
  })
  .parse(process.env);

function line(label: string, recorder: LagRecorder, sent: number): string {
  const s = recorder.summary();
  const ms = (v: number | null) => (v === null ? "   n/a" : `${String(v).padStart(6)}`);
  return `${label.padEnd(16)} sent ${String(sent).padStart(5)}  seen ${String(s.samples).padStart(5)}  p50 ${ms(s.p50Ms)} ms  p95 ${ms(s.p95Ms)} ms  p99 ${ms(s.p99Ms)} ms`;
}

function ratio(full: LagRecorder, bare: LagRecorder): string {
  const f = full.summary();
  const b = bare.summary();
  const r = (x: number | null, y: number | null) => (x === null || !y ? "n/a" : (x / y).toFixed(2));
  return `p50 ${r(f.p50Ms, b.p50Ms)}× bare (target ≤ 2), p99 ${r(f.p99Ms, b.p99Ms)}× bare (target ≤ 3)`;
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = "none";
  const bench = await startBenchStack();
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
    console.log(`Stack up. Bench: ${rate} changes/s for ${seconds} s per direction.`);
    const codes = await seedBenchCustomers(firebaseApp(bench.projectId), db, pool, benchEnv.BENCH_CUSTOMERS);
    const bare = await runBarePath(db, pubsub, bench.bareUrl, codes, rate, seconds);
    console.log(line("bare path", bare, sent));
    const toNew = await runLegacyToNew(db, pool, codes, rate, seconds);
    console.log(line("legacy → new", toNew, sent));
    const toLegacy = await runNewToLegacy(db, pool, codes, rate, seconds);
    console.log(line("new → legacy", toLegacy, sent));
    console.log(
      "\nEnd-to-end lag (source commit, or publish for the bare path → visible on the other side):",
    );
    console.log(line("bare path", bare, sent));
    console.log(line("legacy → new", toNew, sent));
    console.log(line("new → legacy", toLegacy, sent));
    console.log("\nRelay share (source commit → publish acknowledged and marked):");
    console.log(formatPercentiles("legacy relay", await legacyRelayLag(pool)));
    console.log(formatPercentiles("outbox relay", await outboxRelayLag(db)));
    console.log(`\nlegacy → new: ${ratio(toNew, bare)}; p99 target < 2000 ms`);
    console.log(`new → legacy: ${ratio(toLegacy, bare)}`);
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
