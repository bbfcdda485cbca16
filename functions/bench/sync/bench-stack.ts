import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { findFreePort } from "../../../emulators/src/ports.js";
import { startFunctionProcess } from "../../../emulators/src/services/function-process.js";
import type { ManagedProcess } from "../../../emulators/src/services/managed-process.js";
import { type Stack, startStack } from "../../../emulators/src/stack.js";
import { parseStackConfig } from "../../../emulators/src/stack-config.js";

export const repoRoot = join(import.meta.dirname, "..", "..", "..");
const functionsRoot = join(repoRoot, "functions");

/** The sync's four functions, as deployed; the relays run continuously as in the local stack. */
const syncFunctions = [
  { name: "syncApplyToNew", signature: "cloudevent" },
  { name: "syncApplyToLegacy", signature: "cloudevent" },
  { name: "syncLegacyRelay", signature: "http" },
  { name: "syncOutboxRelay", signature: "http" },
] as const;

export interface BenchStack {
  stack: Stack;
  projectId: string;
  bareUrl: string;
  logDir: string;
  stop(): Promise<void>;
}

async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}

async function buildBareFunction(): Promise<string> {
  const source = join(functionsRoot, "dist", "bench-functions", "benchBareApply");
  await build({
    entryPoints: [join(functionsRoot, "bench", "sync", "bare-apply-function.ts")],
    outfile: join(source, "index.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  writeFileSync(join(source, "package.json"), JSON.stringify({ type: "module", main: "index.js" }));
  return source;
}

/** Builds the functions, starts the real emulators, legacy PostgreSQL, the sync functions and the bare function. */
export async function startBenchStack(): Promise<BenchStack> {
  execFileSync("npm", ["run", "build", "--silent", "-w", "functions"], { cwd: repoRoot, stdio: "inherit" });
  const bareSource = await buildBareFunction();
  const runDir = mkdtempSync(join(tmpdir(), "luckygas-bench-"));
  chmodSync(runDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const logDir = join(runDir, "logs");
  const [firestore, pubsub, auth, legacy, hub, logging, api, bare, ...fnPorts] = await freePorts(
    8 + syncFunctions.length,
  );
  const config = parseStackConfig({
    PROJECT_ID: "demo-luckygas-bench",
    FIRESTORE_PORT: String(firestore),
    PUBSUB_PORT: String(pubsub),
    AUTH_PORT: String(auth),
    LEGACY_DB_PORT: String(legacy),
    EMULATOR_HUB_PORT: String(hub),
    EMULATOR_LOGGING_PORT: String(logging),
    API_PORT: String(api),
  });
  const stack = await startStack({
    repoRoot,
    config,
    runDir,
    functions: syncFunctions.map((fn, index) => ({ ...fn, port: fnPorts[index] ?? 0 })),
    functionEnv: { RELAY_MODE: "continuous", LOG_LEVEL: "WARNING" },
  });
  let bareProcess: ManagedProcess | undefined;
  try {
    bareProcess = await startFunctionProcess({
      repoRoot,
      name: "benchBareApply",
      source: bareSource,
      signature: "cloudevent",
      port: bare ?? 0,
      env: stack.serviceEnv,
      logDir,
    });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return {
    stack,
    projectId: config.PROJECT_ID,
    bareUrl: `http://127.0.0.1:${bare}/`,
    logDir,
    stop: async () => {
      await bareProcess?.stop();
      await stack.stop();
      // Logs outlive the temporary run directory, for reading after a slow or failed run.
      const kept = join(repoRoot, ".run", "bench-logs");
      rmSync(kept, { recursive: true, force: true });
      if (existsSync(logDir)) cpSync(logDir, kept, { recursive: true });
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
