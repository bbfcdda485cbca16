import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join, resolve } from "node:path";
import { assertPortFree, findFreePort } from "../ports.js";
import { startFirestoreEmulator } from "./google-cloud-emulators.js";
import type { ManagedProcess } from "./managed-process.js";

export interface RestartableFirestoreOptions {
  /** The one project this emulator serves; others are refused (an import seeds every project id). */
  projectId: string;
  /** The address clients use, kept across restarts; a free port when omitted. */
  port?: number;
  /** Each emulator's log goes to `<logDir>/restartable-firestore-<port>/firestore-emulator.log`. */
  logDir: string;
  /** Exports land in `<dataDir>/generation-<n>/`; no spaces (the launcher splits its arguments). */
  dataDir: string;
}

export interface RestartOptions {
  /** Extra time to stay down between the old emulator's exit and the new one's start. */
  downMs?: number;
}

/** Where a restart spent its time; `outageMs` is what clients saw, from the cut to the reopening. */
export interface RestartReport {
  exportFile: string;
  exportMs: number;
  stopMs: number;
  downMs: number;
  startMs: number;
  outageMs: number;
}

const stopGraceMs = 10_000;
const exportTimeoutMs = 120_000;

/**
 * A private Firestore emulator that can be restarted without losing committed data, to model a
 * Firestore outage of some seconds (real Firestore never loses a committed write).
 *
 * Clients connect to a TCP gate on `host`, which forwards to the emulator's own port. A restart
 * closes the gate (refuses new connections and resets open ones), exports the database through
 * the emulator's REST endpoint, stops the Java process, waits `downMs`, starts a new emulator
 * seeded from that export, and reopens the gate on the same port. The gate is why the cut is
 * clean: once it is closed no client can commit, so the export holds every acknowledged write.
 * The emulator's own `--export-on-exit` cannot do this (1.19.9 fails it for the `(default)`
 * database, and SIGTERM skips it), and an export followed by a kill would drop writes
 * acknowledged in between.
 *
 * What a restart is: every write acknowledged before the cut survives, in the same project, and
 * the same client object works again once it has reconnected (firebase-admin: 2-7 s after the
 * gate reopens, its gRPC reconnect back-off; measured on 2 cores).
 * What it is not: lossless for requests in flight at the cut or sent while down. They fail with
 * UNAVAILABLE, an unknown outcome as in a real outage; firebase-admin retries commits on
 * UNAVAILABLE (for up to 10 minutes), so they block and usually land after the restart, and one
 * that had been applied just before the cut is applied again (harmless for set(); create() may
 * then report ALREADY_EXISTS, an increment may count twice). Listen streams break: firebase-admin
 * re-listens by itself and delivers the current state again, other clients may have to
 * resubscribe. Transactions open across the cut fail or retry. Update and create times are NOT
 * kept: the import stamps every document anew, so a `lastUpdateTime` precondition read before a
 * restart fails after it, which real Firestore would accept. Only `projectId` is kept, and
 * rules, the websocket port and rule coverage are a fresh emulator's.
 */
export class RestartableFirestore {
  private generation = 0;
  private state: "running" | "restarting" | "failed" | "stopped" = "running";
  private restarting: Promise<RestartReport> | undefined;

  private constructor(
    private readonly options: RestartableFirestoreOptions & { port: number },
    private readonly gate: OutageGate,
    private emulator: Emulator,
  ) {}

  static async start(options: RestartableFirestoreOptions): Promise<RestartableFirestore> {
    const port = options.port ?? (await findFreePort());
    await assertPortFree("the restartable Firestore emulator", port);
    const resolved = { ...options, port, dataDir: resolve(options.dataDir) };
    const emulator = await launch(resolved, undefined);
    const gate = new OutageGate(port);
    try {
      await gate.open(emulator.port);
    } catch (error) {
      await emulator.process.stop(stopGraceMs);
      throw error;
    }
    return new RestartableFirestore(resolved, gate, emulator);
  }

  /** `127.0.0.1:<port>`, for FIRESTORE_EMULATOR_HOST or the client's `host` setting. */
  get host(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  get projectId(): string {
    return this.options.projectId;
  }

  async restart(options: RestartOptions = {}): Promise<RestartReport> {
    this.expectState("running", "restart");
    this.state = "restarting";
    this.restarting = this.cycle(options.downMs ?? 0);
    try {
      return await this.restarting;
    } finally {
      this.restarting = undefined;
    }
  }

  /** Waits for a restart under way, so the emulator it is starting cannot outlive stop(). */
  async stop(): Promise<void> {
    await this.restarting?.catch(() => undefined);
    if (this.state === "stopped") return;
    this.state = "stopped";
    await this.gate.close();
    await this.emulator.process.stop(stopGraceMs);
  }

  private async cycle(downMs: number): Promise<RestartReport> {
    const cut = performance.now();
    await this.gate.close();
    const exportFile = await this.exportOrReopen();
    const exported = performance.now();
    // The export is on disk already, so the grace only lets Java exit cleanly; a kill would lose nothing.
    await this.emulator.process.stop(stopGraceMs);
    const stopped = performance.now();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    const starting = performance.now();
    try {
      this.emulator = await launch(this.options, exportFile);
      await this.gate.open(this.emulator.port);
    } catch (error) {
      this.state = "failed";
      throw error;
    }
    this.state = "running";
    const reopened = performance.now();
    return {
      exportFile,
      exportMs: Math.round(exported - cut),
      stopMs: Math.round(stopped - exported),
      downMs,
      startMs: Math.round(reopened - starting),
      outageMs: Math.round(reopened - cut),
    };
  }

  /** A failed export leaves the old emulator serving (its data is intact) and says why, loudly. */
  private async exportOrReopen(): Promise<string> {
    this.generation += 1;
    try {
      return await exportDatabase(this.emulator.port, this.options, `generation-${this.generation}`);
    } catch (error) {
      await this.gate.open(this.emulator.port);
      this.state = "running";
      throw error;
    }
  }

  private expectState(expected: typeof this.state, action: string): void {
    if (this.state !== expected)
      throw new Error(`Cannot ${action} the restartable Firestore emulator while it is ${this.state}.`);
  }
}

interface Emulator {
  port: number;
  process: ManagedProcess;
}

/** Each generation gets a fresh private port: an old Java slow to let go of its port cannot block the new one. */
async function launch(
  options: RestartableFirestoreOptions & { port: number },
  importData: string | undefined,
): Promise<Emulator> {
  const port = await findFreePort();
  const process = await startFirestoreEmulator({
    port,
    logDir: join(options.logDir, `restartable-firestore-${options.port}`),
    singleProjectId: options.projectId,
    importData,
  });
  return { port, process };
}

/**
 * Exports the project's `(default)` database the way firebase-tools does (POST
 * /emulator/v1/projects/{p}:export) and returns the `.overall_export_metadata` file that
 * `--import-data` takes. Throws unless that file exists, so a restart never starts empty silently.
 */
async function exportDatabase(
  emulatorPort: number,
  options: RestartableFirestoreOptions,
  name: string,
): Promise<string> {
  const { projectId, dataDir } = options;
  mkdirSync(dataDir, { recursive: true }); // the endpoint refuses a directory that does not exist
  rmSync(join(dataDir, name), { recursive: true, force: true }); // a stale export must not pass the check
  const url = `http://127.0.0.1:${emulatorPort}/emulator/v1/projects/${projectId}:export`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      database: `projects/${projectId}/databases/(default)`,
      export_directory: dataDir,
      export_name: name,
    }),
    signal: AbortSignal.timeout(exportTimeoutMs),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`Firestore emulator export failed (${response.status}): ${body}`);
  const metadata = join(dataDir, name, `${name}.overall_export_metadata`);
  if (!existsSync(metadata) || statSync(metadata).size === 0)
    throw new Error(`Firestore emulator export reported success but wrote no ${metadata}; not restarting.`);
  return metadata;
}

/**
 * A TCP forwarder on the clients' port. Closed, it is the outage: connecting is refused and open
 * connections are reset, so gRPC clients see UNAVAILABLE as they would when Firestore is down.
 */
class OutageGate {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly port: number) {}

  async open(backendPort: number): Promise<void> {
    const server = createServer((client) => this.forward(client, backendPort));
    await new Promise<void>((resolvePromise, reject) => {
      server.once("error", reject);
      server.listen({ port: this.port, host: "127.0.0.1", exclusive: true }, () => {
        server.off("error", reject);
        resolvePromise();
      });
    });
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((r) => server.close(() => r()));
    for (const socket of this.sockets) socket.resetAndDestroy();
    await closed;
  }

  private forward(client: Socket, backendPort: number): void {
    const backend = connect({ port: backendPort, host: "127.0.0.1" });
    for (const [socket, peer] of [
      [client, backend],
      [backend, client],
    ] as const) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      // Either side going away ends the pair, as a dropped connection would.
      socket.on("error", () => peer.destroy());
      socket.once("close", () => {
        this.sockets.delete(socket);
        peer.destroy();
      });
    }
    client.pipe(backend);
    backend.pipe(client);
  }
}
