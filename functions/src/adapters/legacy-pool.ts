import pg from "pg";

export interface LegacyPoolOptions {
  max?: number;
  /** Longest one statement may run on the vendor database (PostgreSQL cancels it). */
  statementTimeoutMs?: number;
  /** Longest a statement waits for a row or table lock the vendor application holds. */
  lockTimeoutMs?: number;
  /** A transaction left open by a stalled caller is ended, and its locks released, after this. */
  idleInTransactionMs?: number;
}

/**
 * The legacy database is reached only through the ordinary `pg` driver and a URL, so the
 * embedded server used locally and any other PostgreSQL are interchangeable.
 *
 * Every session is bounded, because these are the vendor's tables: no statement of ours runs
 * longer than `statementTimeoutMs`, waits longer than `lockTimeoutMs` behind the vendor's locks,
 * or keeps a transaction (and its row locks) open while idle longer than `idleInTransactionMs`;
 * `client_connection_check_interval` makes PostgreSQL abandon a statement whose client has gone
 * (a caller that timed out and destroyed its connection), so nothing of ours commits after that.
 */
export function createLegacyPool(url: string, options: LegacyPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 5,
    connectionTimeoutMillis: 5_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    lock_timeout: options.lockTimeoutMs ?? 5_000,
    idle_in_transaction_session_timeout: options.idleInTransactionMs ?? 60_000,
    options: "-c client_connection_check_interval=1000",
  });
  // A client losing its connection (database restart, outage) must not crash the function: an idle
  // client reports on the pool, a checked-out one on itself; the query in flight rejects either way.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}
