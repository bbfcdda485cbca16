import type pg from "pg";
import { inLegacyTransaction } from "../../adapters/legacy-transaction.js";
import { ConfigError } from "../../shared/errors.js";

/**
 * Change capture in the legacy database, in the project's own schema `sync` (vendor columns
 * are never touched). Row triggers, not timestamp polling: the vendor's nightly balance job
 * UPDATEs `balance` without touching upd_date, and only a trigger sees that.
 * Writes made by the sync itself run with `luckygas.origin = 'sync'` and are skipped (no echo);
 * the seeder's bulk load may run as 'seed' (initial data goes through the import, not the sync).
 * Updates that change nothing are skipped. Every captured row wakes relays via NOTIFY (PostgreSQL
 * folds identical notifications of one transaction into one).
 * Idempotent, but it takes ACCESS EXCLUSIVE locks on the vendor tables: applied only by the explicit
 * migration (`npm run sync:migrate`), never at run time. Kept byte-identical to emulators/legacy/sync-schema.sql.
 */
/**
 * The journal of new → legacy applies: one row per change, committed in the same transaction as
 * the vendor rows it wrote, so a redelivered change replays its recorded merge instead of merging
 * again against rows it already changed. Rows older than the retention are purged by the relay.
 */
export const appliedChangesSql = `
CREATE TABLE IF NOT EXISTS sync.applied_changes (
  change_id text PRIMARY KEY,
  entity text NOT NULL,
  pk text NOT NULL,
  result jsonb NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX IF NOT EXISTS applied_changes_applied_at_idx ON sync.applied_changes (applied_at);
`;

/**
 * Audit entries of API writes to the vendor tables, inserted in the SAME transaction as the write
 * (PostgreSQL and Firestore share no transaction) and moved to Firestore's `audit` collection right
 * after the commit, or by the legacy relay's housekeeping if the API stopped in between.
 */
export const auditOutboxSql = `
CREATE TABLE IF NOT EXISTS sync.audit_outbox (
  id uuid PRIMARY KEY,
  entry jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;

export const syncSchemaSql = `-- Project-owned change capture for the sync (never a vendor column).
CREATE SCHEMA IF NOT EXISTS sync;

CREATE TABLE IF NOT EXISTS sync.changes (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL CHECK (table_name IN ('clients', 'deliveries')),
  op char(1) NOT NULL CHECK (op IN ('I', 'U', 'D')),
  pk text NOT NULL,
  customer_code text NOT NULL,
  row jsonb NOT NULL,
  txid bigint NOT NULL DEFAULT txid_current(),
  committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  origin text NOT NULL,
  published_at timestamptz,
  publish_error text
);

-- Version 3: a relay claims rows with a lease in a short transaction, then publishes with no
-- transaction open (holding one across a publish pinned vacuum's horizon and a connection).
ALTER TABLE sync.changes ADD COLUMN IF NOT EXISTS claim_token uuid;
ALTER TABLE sync.changes ADD COLUMN IF NOT EXISTS claimed_until timestamptz;
-- Version 4: the columns a vendor UPDATE changed (NULL for inserts, deletes and older rows), so
-- newest-wins compares when each FIELD was last edited in legacy, not the row's last edit.
ALTER TABLE sync.changes ADD COLUMN IF NOT EXISTS changed_columns text[];

CREATE INDEX IF NOT EXISTS changes_unpublished_idx ON sync.changes (id) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS changes_unpublished_customer_idx
  ON sync.changes (customer_code, id) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS changes_published_at_idx
  ON sync.changes (published_at) WHERE published_at IS NOT NULL;
-- The newest captured change of one row, asked by every new -> legacy apply that overwrites it.
CREATE INDEX IF NOT EXISTS changes_row_idx ON sync.changes (table_name, pk, id);

CREATE OR REPLACE FUNCTION sync.capture_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  write_origin text := coalesce(nullif(current_setting('luckygas.origin', true), ''), 'legacy');
  captured jsonb;
  changed text[];
  op char(1);
BEGIN
  IF write_origin IN ('sync', 'seed') THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    captured := to_jsonb(OLD);
    op := 'D';
  ELSE
    captured := to_jsonb(NEW);
    op := CASE TG_OP WHEN 'INSERT' THEN 'I' ELSE 'U' END;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(n.key ORDER BY n.key) INTO changed
    FROM jsonb_each(captured) AS n JOIN jsonb_each(to_jsonb(OLD)) AS o USING (key)
    WHERE n.value IS DISTINCT FROM o.value;
  END IF;
  INSERT INTO sync.changes (table_name, op, pk, customer_code, row, origin, changed_columns)
  VALUES (
    TG_TABLE_NAME,
    op,
    CASE TG_TABLE_NAME WHEN 'clients' THEN captured ->> 'client_code' ELSE captured ->> 'delivery_no' END,
    captured ->> 'client_code',
    captured,
    write_origin,
    changed
  );
  PERFORM pg_notify('sync_changes', '');
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS sync_capture_clients ON clients;
CREATE TRIGGER sync_capture_clients AFTER INSERT OR UPDATE OR DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION sync.capture_change();

DROP TRIGGER IF EXISTS sync_capture_deliveries ON deliveries;
CREATE TRIGGER sync_capture_deliveries AFTER INSERT OR UPDATE OR DELETE ON deliveries
  FOR EACH ROW EXECUTE FUNCTION sync.capture_change();
${appliedChangesSql}${auditOutboxSql}`;

/**
 * The same advisory-lock key emulators/src/legacy/legacy-schema.ts uses: DDL applied by the
 * migration command and by the stack never race each other (IF NOT EXISTS is not race-safe).
 */
export const schemaLockKey = 7_730_089;

/**
 * The version of the capture schema this code needs. Raise it with every change to syncSchemaSql:
 * functions refuse to start against an older one, and `npm run sync:migrate` brings it up.
 */
export const syncSchemaVersion = 4;

/**
 * How long the migration waits for a lock before it gives up. Installing triggers takes ACCESS
 * EXCLUSIVE on `clients` and `deliveries`; queued behind the nightly job it would hold up every
 * statement of the vendor application behind it. Failing after 5 s and retrying later is kinder.
 */
const migrationLockTimeout = "5s";

/**
 * Installs or upgrades the capture schema (the explicit, versioned migration `npm run sync:migrate`
 * runs): in one transaction, with a bounded lock wait, recording the version it installed.
 */
export async function applySyncSchema(pool: pg.Pool): Promise<void> {
  await inLegacyTransaction(pool, async (client) => {
    await client.query(`SET LOCAL lock_timeout = '${migrationLockTimeout}'`);
    await client.query("SELECT pg_advisory_xact_lock($1)", [schemaLockKey]);
    await client.query(syncSchemaSql);
    await client.query(
      `CREATE TABLE IF NOT EXISTS sync.schema_version (
         id boolean PRIMARY KEY DEFAULT true CHECK (id),
         version integer NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    await client.query(
      `INSERT INTO sync.schema_version (version) VALUES ($1)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, applied_at = clock_timestamp()`,
      [syncSchemaVersion],
    );
  });
}

/** The installed capture schema version (0: none), read from the catalog and one row: no locks. */
export async function installedSyncSchemaVersion(pool: pg.Pool): Promise<number> {
  const table = await pool.query("SELECT to_regclass('sync.schema_version') IS NOT NULL AS present");
  if (!(table.rows[0] as { present: boolean }).present) return 0;
  const row = await pool.query("SELECT version FROM sync.schema_version");
  return (row.rows[0] as { version: number } | undefined)?.version ?? 0;
}

/**
 * What a function checks at cold start instead of installing anything: run-time code never takes
 * a lock on the vendor tables. A missing or older schema is a clear refusal naming the command.
 */
export async function assertSyncSchema(pool: pg.Pool): Promise<void> {
  const installed = await installedSyncSchemaVersion(pool);
  // Newer is fine: migrations only add, and the migration runs before the new code is deployed.
  if (installed >= syncSchemaVersion) return;
  throw new ConfigError(
    installed === 0
      ? "Legacy change capture is not installed. Run `npm run sync:migrate -- --url <legacy database URL>` first."
      : `Legacy change capture is at version ${installed}, this code needs ${syncSchemaVersion}. Run \`npm run sync:migrate -- --url <legacy database URL>\`.`,
  );
}
