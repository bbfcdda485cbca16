import { readdirSync, statSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { findFreePort } from "../../../emulators/src/ports.js";
import { deployables } from "../../src/deployables/deployables.js";
import { startFunction } from "../../test/support/function-harness.js";
import { repoRoot } from "../sync/bench-stack.js";
import { withMachineCpu } from "../sync/machine-cpu.js";
import { startFrameworkProcess } from "./framework-process.js";

export interface ColdStart {
  bundle: string;
  /** index.js and its source map, bytes (npm dependencies are installed beside it by Cloud Functions). */
  sizeBytes: number;
  mapBytes: number;
  medianMs: number;
  helloMs: number;
  busy: string;
}

interface Bundle {
  name: string;
  source: string;
  signature: "http" | "cloudevent";
}

const timeoutMs = 60_000;

/** Any answer at all: an HTTP bundle's router (404 for an unknown path once composed), or the framework's 404 for a GET to a CloudEvent function. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/bench-cold-start", timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(true));
    });
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** Process start → first answered request, one cold start of `bundle` against the running stack. */
async function timeOnce(bundle: Bundle, env: Record<string, string>, logDir: string): Promise<number> {
  const port = await findFreePort();
  const started = performance.now();
  const process = startFrameworkProcess({ ...bundle, port, env, logDir });
  try {
    while (!(await answers(port))) {
      if (process.hasExited) throw new Error(`${bundle.name} exited during its cold start (logs: ${logDir})`);
      if (performance.now() - started > timeoutMs) throw new Error(`${bundle.name} did not answer in time`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    await process.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function sizeOf(source: string, file: string): number {
  return readdirSync(source).includes(file) ? statSync(join(source, file)).size : 0;
}

/**
 * Each built bundle as deployed (functions/dist/<name>, no NODE_OPTIONS, relays `scheduled`), timed
 * `runs` times, each run right after a run of the hello world, so both see the same machine.
 */
export async function coldStarts(serviceEnv: Record<string, string>, logDir: string, runs: number) {
  const hello = await startFunction({
    name: "benchHello",
    entry: "bench/api/hello-function.ts",
    signature: "http",
    env: serviceEnv,
  });
  await hello.stop(); // built and started once; now only its bundle is used
  const helloBundle: Bundle = {
    name: "benchHello",
    source: join(repoRoot, "functions", "dist", "test-functions", "benchHello"),
    signature: "http",
  };
  const env = { ...serviceEnv, RELAY_MODE: "scheduled", NODE_OPTIONS: "" };
  const results: ColdStart[] = [];
  for (const deployable of deployables) {
    const source = join(repoRoot, "functions", "dist", deployable.name);
    const bundle: Bundle = { name: deployable.name, source, signature: deployable.signature };
    const { result, busy } = await withMachineCpu(async () => {
      const times = { bundle: [] as number[], hello: [] as number[] };
      for (let run = 0; run < runs; run += 1) {
        times.hello.push(await timeOnce(helloBundle, env, logDir));
        times.bundle.push(await timeOnce(bundle, env, logDir));
      }
      return times;
    });
    const [sizeBytes, mapBytes] = [sizeOf(source, "index.js"), sizeOf(source, "index.js.map")];
    results.push({
      bundle: deployable.name,
      sizeBytes,
      mapBytes,
      medianMs: median(result.bundle),
      helloMs: median(result.hello),
      busy,
    });
  }
  return results;
}
