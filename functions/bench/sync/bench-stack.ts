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
  /** One URL per instance of the bare function. */
  bareUrls: string[];
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
export async function startBenchStack(instances: number): Promise<BenchStack> {
  execFileSync("npm", ["run", "build", "--silent", "-w", "functions"], { cwd: repoRoot, stdio: "inherit" });
  const bareSource = await buildBareFunction();
  const runDir = mkdtempSync(join(tmpdir(), "luckygas-bench-"));
  chmodSync(runDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const logDir = join(runDir, "logs");
  const [firestore, pubsub, auth, legacy, hub, logging, api, ...fnPorts] = await freePorts(
    7 + syncFunctions.length,
  );
  // Every pushed-to function (the bare one too) runs `instances` processes, as Cloud Functions scales out.
  const instancePorts = async (): Promise<[number, number[]]> => {
    const [first = 0, ...extra] = await freePorts(instances);
    return [first, extra];
  };
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
    functions: await Promise.all(
      syncFunctions.map(async (fn, index) => {
        if (fn.signature === "http") return { ...fn, port: fnPorts[index] ?? 0 };
        const [port, extraPorts] = await instancePorts();
        return { ...fn, port, extraPorts };
      }),
    ),
    functionEnv: { RELAY_MODE: "continuous", LOG_LEVEL: "WARNING" },
    // Cloud Pub/Sub's push concurrency: the emulator's own push is one message at a time.
    pushDelivery: "ordered",
  });
  const bareProcesses: ManagedProcess[] = [];
  const [barePort, bareExtra] = await instancePorts();
  const barePorts = [barePort, ...bareExtra];
  try {
    for (const [instance, port] of barePorts.entries())
      bareProcesses.push(
        await startFunctionProcess({
          repoRoot,
          name: "benchBareApply",
          instance,
          source: bareSource,
          signature: "cloudevent",
          port,
          env: stack.serviceEnv,
          logDir,
        }),
      );
  } catch (error) {
    await Promise.all(bareProcesses.map((process) => process.stop()));
    await stack.stop();
    throw error;
  }
  return {
    stack,
    projectId: config.PROJECT_ID,
    bareUrls: barePorts.map((port) => `http://127.0.0.1:${port}/`),
    logDir,
    stop: async () => {
      await Promise.all(bareProcesses.map((process) => process.stop()));
      await stack.stop();
      // Logs outlive the temporary run directory, for reading after a slow or failed run.
      const kept = join(repoRoot, ".run", "bench-logs");
      rmSync(kept, { recursive: true, force: true });
      if (existsSync(logDir)) cpSync(logDir, kept, { recursive: true });
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
