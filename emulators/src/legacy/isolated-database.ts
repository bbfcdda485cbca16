import pg from "pg";
import { z } from "zod";
import { InvalidDatabaseNameError } from "./errors.js";
import { applyLegacySchema } from "./legacy-schema.js";

/** Plain lower-case identifiers only, so the name never needs quoting anywhere downstream. */
const databaseNameSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);

function checkedName(name: string): string {
  if (!databaseNameSchema.safeParse(name).success) throw new InvalidDatabaseNameError(name);
  return name;
}

/** The same server and credentials as `adminUrl`, but another database. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${checkedName(name)}`;
  return parsed.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database if it does not exist yet (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  checkedName(name);
  await withAdmin(adminUrl, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
      // 42P04 duplicate_database: a concurrent starter won the race, which is fine.
      if (error.code !== "42P04") throw error;
    });
  });
}

/** Drops the database, disconnecting anyone still attached. Absent is fine. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  checkedName(name);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A fresh, empty database with the legacy schema applied; for one test file's exclusive use. */
export async function createIsolatedDatabase(adminUrl: string, name: string): Promise<string> {
  await dropDatabase(adminUrl, name);
  await ensureDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  await applyLegacySchema(url);
  return url;
}
