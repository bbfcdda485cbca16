import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { waitForPortFree } from "../ports.js";

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where stdout/stderr go; services are noisy and the terminal is for the URL table. */
  logFile: string;
  /** Ports the process binds: stop() waits until all are free again. */
  ports: number[];
}

/**
 * A child started in its own process group. Emulator launchers are wrapper scripts around
 * a Java process, so stopping only the wrapper's pid would leave Java bound to the port;
 * stop() signals the whole group and waits for every port to be released.
 */
export class ManagedProcess {
  private exited = false;
  private constructor(
    readonly options: ManagedProcessOptions,
    private readonly child: ChildProcess,
  ) {
    child.once("exit", () => {
      this.exited = true;
    });
  }

  static start(options: ManagedProcessOptions): ManagedProcess {
    mkdirSync(dirname(options.logFile), { recursive: true });
    // The child writes its log file itself: piping through this process would cost it CPU for
    // every line a function logs, which a benchmark then books against the system under test.
    const log = openSync(options.logFile, "a");
    try {
      const child = spawn(options.command, options.args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        detached: true,
        stdio: ["ignore", log, log],
      });
      return new ManagedProcess(options, child);
    } finally {
      closeSync(log); // the child holds its own copy
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exited;
  }

  /**
   * Waits until `ready` holds. If the process exits first or the time runs out, the process
   * group is stopped (a half-started emulator must not outlive the failed start) and the error
   * carries the end of its log, so the reason is on the screen rather than in a file.
   */
  async waitUntilReady(what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!(await ready())) {
      if (this.exited || Date.now() > deadline) {
        const why = this.exited ? "exited during start-up" : `was not ready after ${timeoutMs} ms`;
        await this.stop().catch(() => undefined);
        throw new Error(`${what} ${why}. Last lines of ${this.options.logFile}:\n${this.logTail()}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return this;
  }

  private logTail(lines = 15): string {
    try {
      return readFileSync(this.options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  async stop(graceMs = 5_000): Promise<void> {
    const pgid = this.child.pid;
    if (pgid === undefined) return;
    this.signalGroup(pgid, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (this.groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (this.groupAlive(pgid)) this.signalGroup(pgid, "SIGKILL");
    for (const port of this.options.ports) await waitForPortFree(port, 10_000);
  }

  private signalGroup(pgid: number, signal: NodeJS.Signals): void {
    try {
      process.kill(-pgid, signal);
    } catch {
      // ESRCH: the group is already gone, which is what we want.
    }
  }

  private groupAlive(pgid: number): boolean {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
