import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { assertPortFree } from "../ports.js";
import { ManagedProcess } from "./managed-process.js";

export interface FirebaseEmulatorOptions {
  repoRoot: string;
  projectId: string;
  authPort: number;
  /** Omit to run the Auth emulator alone (tests do not need the dashboard). */
  hostingPort?: number;
  /** The directory Hosting serves: a copy of web/dist owned by this stack, so a rebuild elsewhere cannot empty it. */
  publicDir?: string;
  hubPort: number;
  loggingPort: number;
  logDir: string;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The Auth and Hosting emulators of firebase-tools (both run offline). The config is
 * generated so every port is configurable; the Emulator UI is off because it needs a download.
 */
export async function startFirebaseEmulators(options: FirebaseEmulatorOptions): Promise<ManagedProcess> {
  const ports = [options.authPort, options.hubPort, options.loggingPort];
  if (options.hostingPort !== undefined) ports.push(options.hostingPort);
  for (const port of ports) await assertPortFree("the Firebase emulators", port);

  const runDir = join(options.repoRoot, ".run", `firebase-${options.authPort}`);
  mkdirSync(runDir, { recursive: true });
  const host = "127.0.0.1";
  const config = {
    hosting: {
      // Relative to the generated config: the emulator serves nothing from an absolute public path.
      public: relative(runDir, options.publicDir ?? join(options.repoRoot, "web", "dist")),
      rewrites: [{ source: "**", destination: "/index.html" }],
    },
    emulators: {
      singleProjectMode: true,
      auth: { host, port: options.authPort },
      ...(options.hostingPort !== undefined ? { hosting: { host, port: options.hostingPort } } : {}),
      hub: { host, port: options.hubPort },
      logging: { host, port: options.loggingPort },
      ui: { enabled: false },
    },
  };
  const configPath = join(runDir, "firebase.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const only = options.hostingPort !== undefined ? "auth,hosting" : "auth";
  const process = ManagedProcess.start({
    name: "firebase-emulators",
    command: join(options.repoRoot, "node_modules", ".bin", "firebase"),
    args: ["emulators:start", "--only", only, "--project", options.projectId, "--config", configPath],
    cwd: runDir,
    // The CLI cannot reach Google from here; these keep it from trying where it can be told.
    env: { FIREBASE_CLI_DISABLE_UPDATE_CHECK: "true", CI: "true", METADATA_SERVER_DETECTION: "none" },
    logFile: join(options.logDir, "firebase-emulators.log"),
    ports,
  });
  const ready = async () =>
    (await answers(`http://${host}:${options.authPort}/`)) &&
    (options.hostingPort === undefined || (await answers(`http://${host}:${options.hostingPort}/`)));
  return process.waitUntilReady("The Firebase Auth/Hosting emulators", ready, 120_000);
}
