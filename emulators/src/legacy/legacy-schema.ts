import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The vendor's DDL (never changed by us) and the project-owned seed bookkeeping, applied in order. */
const schemaFiles = [
  new URL("../../legacy/schema.sql", import.meta.url),
  new URL("../../legacy/seed-schema.sql", import.meta.url),
];

/**
 * Arbitrary but fixed advisory-lock key: `CREATE TABLE IF NOT EXISTS` is not safe against a
 * concurrent twin (both can pass the existence check and one then fails on pg_type), so every
 * schema application on a database is serialised through this lock.
 */
const schemaLockKey = 7_730_089;

/** Applies the legacy schema idempotently: safe to run on every start, even concurrently. */
export async function applyLegacySchema(url: string): Promise<void> {
  const sql = await Promise.all(schemaFiles.map((file) => readFile(fileURLToPath(file), "utf8")));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [schemaLockKey]);
    for (const statements of sql) await client.query(statements);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
