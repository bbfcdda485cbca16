import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAuth } from "firebase-admin/auth";
import { ensureDemoUsers } from "../../../emulators/src/demo-users.js";
import { seedLegacyDatabase } from "../../../emulators/src/legacy/seed.js";
import { findFreePort, isPortOpen } from "../../../emulators/src/ports.js";
import type { ManagedProcess } from "../../../emulators/src/services/managed-process.js";
import { type Stack, startStack } from "../../../emulators/src/stack.js";
import { parseStackConfig } from "../../../emulators/src/stack-config.js";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import { deployables } from "../../src/deployables/deployables.js";
import { type RunningFunction, startFunction } from "../../test/support/function-harness.js";
import { repoRoot } from "../sync/bench-stack.js";
import { startFrameworkProcess } from "./framework-process.js";

export interface ApiBenchStack {
  stack: Stack;
  projectId: string;
  apiUrl: string;
  bareUrl: string;
  /** The api and bare processes, for their CPU time per route (process-cpu.ts). */
  pids: { api: number | undefined; bare: number | undefined };
  logDir: string;
  stop(): Promise<void>;
}

/** Where a CPU profile of the api process goes (BENCH_CPU_PROFILE=1). */
export const profileDir = join(repoRoot, ".run", "bench-api-profile");

/** The api's per-minute limits are far below 100 requests/s from one address and user: raised, still checked. */
const benchLimits = {
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "1000000",
  RATE_LIMIT_PER_USER_PER_MINUTE: "1000000",
};

/** Distinct free ports (asking the OS one at a time may hand out the same port twice). */
async function distinctFreePorts(count: number): Promise<number[]> {
  const found = new Set<number>();
  while (found.size < count) found.add(await findFreePort());
  return [...found];
}

/** The api as `npm start` runs it (its bundle, --enable-source-maps), on `port`, optionally profiled. */
async function startApi(port: number, env: Record<string, string>, logDir: string, profile: boolean) {
  if (profile) rmSync(profileDir, { recursive: true, force: true });
  if (profile) mkdirSync(profileDir, { recursive: true });
  const api = startFrameworkProcess({
    name: "api",
    source: join(repoRoot, "functions", "dist", "api"),
    signature: "http",
    port,
    env: { ...env, ...benchLimits },
    nodeFlags: ["--enable-source-maps", ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])],
    logDir,
  });
  return api.waitUntilReady("Function api", () => isPortOpen(port), 60_000);
}

/**
 * The stack `npm start` runs, on free ports of its own (a running `npm start` is not disturbed):
 * legacy PostgreSQL seeded as `npm start` seeds it, the emulators, every deployable (relays
 * draining continuously), the demo users; plus the bare function in its own process.
 */
export async function startApiBenchStack(scale: number, profile: boolean): Promise<ApiBenchStack> {
  execFileSync("npm", ["run", "build", "--silent", "-w", "functions"], { cwd: repoRoot, stdio: "inherit" });
  const runDir = mkdtempSync(join(tmpdir(), "luckygas-api-bench-"));
  chmodSync(runDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const logDir = join(runDir, "logs");
  const ports = await distinctFreePorts(7 + deployables.length);
  const [firestore, pubsub, auth, legacy, hub, logging, apiPort, ...functionPorts] = ports.map(String);
  const config = parseStackConfig({
    PROJECT_ID: "demo-luckygas-api-bench",
    FIRESTORE_PORT: firestore,
    PUBSUB_PORT: pubsub,
    AUTH_PORT: auth,
    LEGACY_DB_PORT: legacy,
    EMULATOR_HUB_PORT: hub,
    EMULATOR_LOGGING_PORT: logging,
    API_PORT: apiPort,
  });
  const stack = await startStack({
    repoRoot,
    config,
    runDir,
    functions: deployables
      .filter((deployable) => deployable.name !== "api")
      .map((deployable, index) => ({ ...deployable, port: Number(functionPorts[index]) })),
    functionEnv: { RELAY_MODE: "continuous" },
  });
  const started: (ManagedProcess | RunningFunction)[] = [];
  const stop = async () => {
    await Promise.all(started.map((process) => process.stop()));
    await stack.stop();
    const kept = join(repoRoot, ".run", "bench-api-logs"); // logs outlive the temporary directory
    rmSync(kept, { recursive: true, force: true });
    if (existsSync(logDir)) cpSync(logDir, kept, { recursive: true });
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    // The helpers shared with the integration tests find the services as `npm test` hands them over.
    Object.assign(process.env, stack.serviceEnv, {
      LEGACY_ADMIN_URL: stack.legacyAdminUrl,
      TEST_STACK_LOG_DIR: logDir,
    });
    const api = await startApi(config.API_PORT, stack.serviceEnv, logDir, profile);
    started.push(api);
    const bare = await startFunction({
      name: "benchBareApi",
      entry: "bench/api/bare-api-function.ts",
      signature: "http",
      env: stack.serviceEnv,
    });
    started.push(bare);
    await ensureDemoUsers(getAuth(firebaseApp(config.PROJECT_ID)));
    await seedLegacyDatabase(stack.serviceEnv.LEGACY_DATABASE_URL ?? "", { seed: config.SEED, scale });
    const apiUrl = `http://127.0.0.1:${config.API_PORT}/`;
    const pids = { api: api.pid, bare: bare.process.pid };
    return { stack, projectId: config.PROJECT_ID, apiUrl, bareUrl: bare.url, pids, logDir, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
