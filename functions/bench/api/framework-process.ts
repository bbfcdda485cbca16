import { join } from "node:path";
import { ManagedProcess } from "../../../emulators/src/services/managed-process.js";
import { repoRoot } from "../sync/bench-stack.js";

const frameworkMain = join(
  repoRoot,
  "node_modules",
  "@google-cloud",
  "functions-framework",
  "build",
  "src",
  "main.js",
);

export interface FrameworkProcessOptions {
  name: string;
  /** Directory of the bundle (index.js + package.json), e.g. functions/dist/api. */
  source: string;
  signature: "http" | "cloudevent";
  port: number;
  env: Record<string, string>;
  /** Flags for node itself (`--cpu-prof` is not allowed in NODE_OPTIONS). */
  nodeFlags?: string[];
  logDir: string;
}

/**
 * functions-framework on a bundle, started by node directly (no wrapper script between the
 * timer and the process), in its own process group, logging to a file: as the local stack runs
 * a function, with a say over node's own flags.
 */
export function startFrameworkProcess(options: FrameworkProcessOptions): ManagedProcess {
  return ManagedProcess.start({
    name: `function-${options.name}`,
    command: process.execPath,
    args: [
      ...(options.nodeFlags ?? []),
      frameworkMain,
      `--target=${options.name}`,
      `--source=${options.source}`,
      `--signature-type=${options.signature}`,
      `--port=${options.port}`,
    ],
    env: options.env,
    logFile: join(options.logDir, `function-${options.name}-${options.port}.log`),
    ports: [options.port],
  });
}
