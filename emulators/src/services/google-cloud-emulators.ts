import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { assertPortFree } from "../ports.js";
import { ManagedProcess } from "./managed-process.js";

export class EmulatorNotInstalledError extends Error {
  readonly code = "EMULATOR_NOT_INSTALLED";
}

const installHint =
  "Install Google's emulators (Google Cloud CLI components, release 528 runs on Java 17):\n" +
  "  apt-get install google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator openjdk-17-jre-headless\n" +
  "or `gcloud components install cloud-firestore-emulator pubsub-emulator`, " +
  "or point GCLOUD_SDK_ROOT (or FIRESTORE_EMULATOR_LAUNCHER / PUBSUB_EMULATOR_LAUNCHER) at an installation.";

/** Finds the Cloud SDK root: an env override first, then `gcloud info`, then the Debian package path. */
export function findCloudSdkRoot(): string {
  const fromEnv = process.env.GCLOUD_SDK_ROOT;
  if (fromEnv) return fromEnv;
  try {
    const root = execFileSync("gcloud", ["info", "--format=value(installation.sdk_root)"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 20_000,
    }).trim();
    if (root) return root;
  } catch {
    // gcloud missing or slow: fall through to the well-known package location.
  }
  return "/usr/lib/google-cloud-sdk";
}

function launcher(envName: string, relative: string): string {
  const path = process.env[envName] ?? join(findCloudSdkRoot(), relative);
  if (!existsSync(path))
    throw new EmulatorNotInstalledError(`Emulator launcher not found at ${path}.\n${installHint}`);
  return path;
}

async function answersOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export interface EmulatorOptions {
  port: number;
  logDir: string;
}

export interface FirestoreEmulatorOptions extends EmulatorOptions {
  /**
   * `--export-on-exit <dir>`. Caution: emulator 1.19.9 fails this for the `(default)` database
   * ("Database name projects/p/databases/ has invalid trailing /", logged, nothing written) and
   * SIGTERM skips it altogether (only POST /shutdown reaches it), so a caller that must keep its
   * data exports through the REST endpoint instead (see restartable-firestore.ts).
   */
  exportOnExit?: string;
  /**
   * `--import-data <file>`: the `<name>.overall_export_metadata` FILE of an export, not its
   * directory (given a directory the emulator exits at start-up: "Is a directory"). The data
   * seeds every database the emulator creates, whatever its project id.
   */
  importData?: string;
  /** Serve only this project id and refuse others, so a seeded export cannot appear under another id. */
  singleProjectId?: string;
}

/** The launcher passes its arguments on unquoted (`$*`), so a space would split a path in two. */
function pathArgument(flag: string, path: string | undefined): string[] {
  if (path === undefined) return [];
  if (/\s/.test(path))
    throw new Error(`The Firestore emulator cannot take ${flag} paths with spaces: ${path}`);
  return [`${flag}=${path}`];
}

function firestoreArgs(options: FirestoreEmulatorOptions): string[] {
  const project = options.singleProjectId;
  return [
    "start",
    "--host=127.0.0.1",
    `--port=${options.port}`,
    ...pathArgument("--export-on-exit", options.exportOnExit),
    ...pathArgument("--import-data", options.importData),
    ...(project ? [`--project_id=${project}`, "--single_project_mode", "--single_project_mode_error"] : []),
  ];
}

export async function startFirestoreEmulator(options: FirestoreEmulatorOptions): Promise<ManagedProcess> {
  const { port, logDir } = options;
  await assertPortFree("the Firestore emulator", port);
  const path = launcher(
    "FIRESTORE_EMULATOR_LAUNCHER",
    "platform/cloud-firestore-emulator/cloud_firestore_emulator",
  );
  const process = ManagedProcess.start({
    name: "firestore-emulator",
    command: "bash",
    args: [path, ...firestoreArgs(options)],
    logFile: join(logDir, "firestore-emulator.log"),
    ports: [port],
  });
  return process.waitUntilReady(
    "The Firestore emulator",
    () => answersOk(`http://127.0.0.1:${port}/`),
    120_000,
  );
}

export async function startPubSubEmulator({ port, logDir }: EmulatorOptions): Promise<ManagedProcess> {
  await assertPortFree("the Pub/Sub emulator", port);
  const path = launcher("PUBSUB_EMULATOR_LAUNCHER", "platform/pubsub-emulator/bin/cloud-pubsub-emulator");
  const process = ManagedProcess.start({
    name: "pubsub-emulator",
    command: "bash",
    args: [path, "--host=127.0.0.1", `--port=${port}`],
    logFile: join(logDir, "pubsub-emulator.log"),
    ports: [port],
  });
  return process.waitUntilReady(
    "The Pub/Sub emulator",
    () => answersOk(`http://127.0.0.1:${port}/`),
    120_000,
  );
}
