import pg from "pg";

/**
 * The legacy database is reached only through the ordinary `pg` driver and a URL, so the
 * embedded server used locally and any other PostgreSQL are interchangeable.
 */
export function createLegacyPool(url: string, max = 5): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // A client losing its connection (database restart, outage) must not crash the function: an idle
  // client reports on the pool, a checked-out one on itself; the query in flight rejects either way.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}
