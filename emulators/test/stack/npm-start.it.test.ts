import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { expectedSeedCounts } from "../../src/legacy/generator/expected-counts.js";
import { findFreePort, isPortFree } from "../../src/ports.js";

/**
 * `npm start` as a new user runs it: every health endpoint answers and the dashboard loads,
 * Ctrl-C leaves no port bound, and a Ctrl-C mid-seed followed by a restart neither
 * duplicates nor loses legacy rows. Runs on free ports with its own project id and data dir.
 */
const repoRoot = join(import.meta.dirname, "..", "..", "..");
const runDir = join(repoRoot, ".run", "stack-test");
const names = ["API_PORT", "DASHBOARD_PORT", "FIRESTORE_PORT", "PUBSUB_PORT", "AUTH_PORT", "LEGACY_DB_PORT"];
const ports: Record<string, string> = {};
let child: ChildProcess | undefined;

async function allocatePorts(): Promise<void> {
  const extra = ["EMULATOR_HUB_PORT", "EMULATOR_LOGGING_PORT", "FUNCTIONS_BASE_PORT"];
  for (const name of [...names, ...extra]) ports[name] = String(await findFreePort());
}

function startStack(): { output: () => string; exited: Promise<number | null> } {
  let output = "";
  child = spawn("npx", ["tsx", "emulators/src/start.ts"], {
    cwd: repoRoot,
    env: { ...process.env, ...ports, PROJECT_ID: "demo-stack-test", SCALE: "0.1", STACK_RUN_DIR: runDir },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
  return { output: () => output, exited };
}

async function waitFor(output: () => string, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" not seen within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What a terminal's Ctrl-C does: SIGINT to the whole foreground process group. */
function pressCtrlC(): void {
  try {
    if (child?.pid) process.kill(-child.pid, "SIGINT");
  } catch {
    // ESRCH: the stack has already stopped, which is all Ctrl-C is for.
  }
}

async function legacyCounts(): Promise<{ rows: number; distinct: number }> {
  const client = new pg.Client(`postgres://postgres:legacy-dev@127.0.0.1:${ports.LEGACY_DB_PORT}/legacy`);
  await client.connect();
  const result = await client.query(
    "select (select count(*) from clients) + (select count(*) from deliveries) as rows, " +
      "(select count(distinct client_code) from clients) + (select count(distinct delivery_no) from deliveries) as distinct",
  );
  await client.end();
  return { rows: Number(result.rows[0].rows), distinct: Number(result.rows[0].distinct) };
}

afterAll(async () => {
  if (child?.pid && child.exitCode === null) pressCtrlC();
  rmSync(runDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("comes up, serves health and the dashboard, and Ctrl-C frees every port", async () => {
    rmSync(runDir, { recursive: true, force: true });
    await allocatePorts();
    const first = startStack();
    const started = Date.now();
    // Time is reported, not asserted: a loaded CI machine is slower, and that is not a defect.
    await waitFor(first.output, "Press Ctrl-C", 240_000);
    console.log(`npm start: stack up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const health = await fetch(`http://127.0.0.1:${ports.API_PORT}/healthz`);
    expect(health.status).toBe(200);
    const dashboard = await fetch(`http://127.0.0.1:${ports.DASHBOARD_PORT}/`);
    expect(await dashboard.text()).toContain("幸福氣");
    for (const name of ["FIRESTORE_PORT", "PUBSUB_PORT", "AUTH_PORT"]) {
      expect((await fetch(`http://127.0.0.1:${ports[name]}/`)).ok, name).toBe(true);
    }

    // Interrupt while deliveries are being seeded.
    await waitFor(first.output, '"table":"deliveries"', 60_000);
    pressCtrlC();
    await first.exited;
    for (const name of names) expect(await isPortFree(Number(ports[name])), `${name} released`).toBe(true);

    const second = startStack();
    await waitFor(second.output, "Legacy database ready", 120_000);
    const expected = expectedSeedCounts(20261128, 0.1);
    const counts = await legacyCounts();
    expect(counts.rows).toBe(expected.clients + expected.deliveries);
    expect(counts.distinct).toBe(counts.rows);
    pressCtrlC();
    await second.exited;
    for (const name of names) expect(await isPortFree(Number(ports[name])), `${name} released`).toBe(true);
  });
});
