import pg from "pg";

/**
 * The legacy database is reached only through the ordinary `pg` driver and a URL, so the
 * embedded server used locally and any other PostgreSQL are interchangeable.
 */
export function createLegacyPool(url: string, max = 5): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (database restart) must not crash the function.
  pool.on("error", () => undefined);
  return pool;
}
