import { join } from "node:path";
import { build } from "esbuild";
import { findFreePort } from "../../../emulators/src/ports.js";
import { startFunctionProcess } from "../../../emulators/src/services/function-process.js";
import type { ManagedProcess } from "../../../emulators/src/services/managed-process.js";
import { testEnv } from "./test-env.js";

const functionsRoot = join(import.meta.dirname, "..", "..");
const repoRoot = join(functionsRoot, "..");

export interface RunningFunction {
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** SIGKILL, no grace (a crashed instance: nothing in flight finishes), then a cold start. */
  killAndRestart(): Promise<void>;
}

/**
 * Bundles an entry module (as the real build does) and runs it under functions-framework in
 * its own process, so a test talks to a function exactly as Pub/Sub or a browser would.
 */
export async function startFunction(options: {
  name: string;
  entry: string;
  signature: "http" | "cloudevent";
  env: Record<string, string>;
}): Promise<RunningFunction> {
  const source = join(functionsRoot, "dist", "test-functions", options.name);
  await build({
    entryPoints: [join(functionsRoot, options.entry)],
    outfile: join(source, "index.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  const { writeFileSync } = await import("node:fs");
  writeFileSync(join(source, "package.json"), JSON.stringify({ type: "module", main: "index.js" }));
  const port = await findFreePort();
  const logDir = testEnv().TEST_STACK_LOG_DIR ?? join(repoRoot, ".run", "test-logs");
  const launch = () =>
    startFunctionProcess({
      repoRoot,
      name: options.name,
      source,
      signature: options.signature,
      port,
      env: options.env,
      logDir,
    });
  const running: RunningFunction = {
    url: `http://127.0.0.1:${port}/`,
    port,
    process: await launch(),
    stop: () => running.process.stop(),
    restart: async () => {
      await running.process.stop();
      running.process = await launch();
    },
    killAndRestart: async () => {
      await running.process.stop(0);
      running.process = await launch();
    },
  };
  return running;
}
