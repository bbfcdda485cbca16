import { join } from "node:path";
import { assertPortFree, isPortOpen } from "../ports.js";
import { ManagedProcess } from "./managed-process.js";

export interface FunctionProcessOptions {
  repoRoot: string;
  name: string;
  /** Which instance of the function this is (0 for the first); names the log of the others. */
  instance?: number;
  /** Directory holding the built bundle (index.js + package.json). */
  source: string;
  signature: "http" | "cloudevent";
  port: number;
  env: Record<string, string>;
  logDir: string;
}

/** One functions-framework process per function, exactly as each is deployed. */
export async function startFunctionProcess(options: FunctionProcessOptions): Promise<ManagedProcess> {
  await assertPortFree(`function ${options.name}`, options.port);
  const process = ManagedProcess.start({
    name: `function-${logName(options)}`,
    command: join(options.repoRoot, "node_modules", ".bin", "functions-framework"),
    args: [
      `--target=${options.name}`,
      `--source=${options.source}`,
      `--signature-type=${options.signature}`,
      `--port=${options.port}`,
    ],
    env: { ...options.env, NODE_OPTIONS: "--enable-source-maps" },
    logFile: join(options.logDir, `function-${logName(options)}.log`),
    ports: [options.port],
  });
  return process.waitUntilReady(`Function ${options.name}`, () => isPortOpen(options.port), 60_000);
}

function logName(options: FunctionProcessOptions): string {
  return options.instance ? `${options.name}-${options.instance + 1}` : options.name;
}
