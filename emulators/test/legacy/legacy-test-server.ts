import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLegacyPostgres } from "../../src/legacy/legacy-postgres.js";

export interface TestServer {
  adminUrl: string;
  stop(): Promise<void>;
}

/** A temp dir the `postgres` user can enter (mkdtemp makes it 0700 for root). */
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The server a test file works against: LEGACY_ADMIN_URL when set (e.g. the one `npm test`
 * started), otherwise a private embedded PostgreSQL on `port` in a temp dir, removed afterwards.
 */
export async function startTestServer(port: number): Promise<TestServer> {
  const shared = process.env.LEGACY_ADMIN_URL;
  if (shared) return { adminUrl: shared, stop: async () => undefined };
  const temp = await makeTempDir("legacy-it-");
  const server = await startLegacyPostgres({ port, dataDir: join(temp.dir, "data") });
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      await temp.remove();
    },
  };
}
