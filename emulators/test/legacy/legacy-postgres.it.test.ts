import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase, dropDatabase } from "../../src/legacy/isolated-database.js";
import { type LegacyPostgres, startLegacyPostgres } from "../../src/legacy/legacy-postgres.js";
import { isPortFree } from "../../src/ports.js";
import { makeTempDir } from "./legacy-test-server.js";

/** The launcher itself, so always an embedded server of our own (never LEGACY_ADMIN_URL). */
const port = 15433;

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startLegacyPostgres", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: LegacyPostgres | undefined;
  const dataDir = () => join(temp.dir, "data");

  beforeAll(async () => {
    expect(await isPortFree(port)).toBe(true);
    temp = await makeTempDir("legacy-launcher-");
    server = await startLegacyPostgres({ port, dataDir: dataDir() });
  });

  afterAll(async () => {
    await server?.stop();
    await temp.remove();
  });

  it("serves the legacy schema at postgres://postgres:<password>@127.0.0.1:<port>/legacy", async () => {
    expect(server?.url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/legacy$`));
    const tables = await query<{ table_name: string }>(
      server?.url ?? "",
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((row) => row.table_name)).toEqual(["clients", "deliveries", "drivers", "products"]);
  });

  it("refuses a port in use promptly with a coded error", async () => {
    const started = Date.now();
    await expect(startLegacyPostgres({ port, dataDir: join(temp.dir, "other") })).rejects.toMatchObject({
      code: "PORT_IN_USE",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops without leaving a process or a bound port, and restarts on the same data dir", async () => {
    const url = server?.url ?? "";
    await query(url, "INSERT INTO drivers (driver_code, name) VALUES ('KEEP', '保留司機')");
    const pid = Number((await readFile(join(dataDir(), "postmaster.pid"), "utf8")).split("\n")[0]);
    const initialised = await readFile(join(dataDir(), "PG_VERSION"), "utf8");
    await server?.stop();
    server = undefined;
    expect(await isPortFree(port)).toBe(true);
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(dataDir(), "postmaster.pid"))).toBe(false);

    server = await startLegacyPostgres({ port, dataDir: dataDir() });
    expect(await readFile(join(dataDir(), "PG_VERSION"), "utf8")).toBe(initialised);
    const kept = await query<{ name: string }>(
      server.url,
      "SELECT name FROM drivers WHERE driver_code = 'KEEP'",
    );
    expect(kept).toEqual([{ name: "保留司機" }]);
  });

  it("creates and drops isolated databases with the schema applied", async () => {
    const adminUrl = server?.adminUrl ?? "";
    const url = await createIsolatedDatabase(adminUrl, "launcher_isolated");
    await query(url, "INSERT INTO products VALUES ('X1', '測試', 20, '桶裝', '一般', 850)");
    const fresh = await createIsolatedDatabase(adminUrl, "launcher_isolated");
    expect(await query(fresh, "SELECT * FROM products")).toEqual([]);
    await dropDatabase(adminUrl, "launcher_isolated");
    const left = await query(adminUrl, "SELECT 1 FROM pg_database WHERE datname = 'launcher_isolated'");
    expect(left).toEqual([]);
    await expect(createIsolatedDatabase(adminUrl, "Bad-Name;")).rejects.toMatchObject({
      code: "INVALID_DATABASE_NAME",
    });
  });
});
