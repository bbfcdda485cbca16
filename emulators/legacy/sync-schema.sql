-- Project-owned change capture for the sync (never a vendor column).
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

CREATE TABLE IF NOT EXISTS sync.applied_changes (
  change_id text PRIMARY KEY,
  entity text NOT NULL,
  pk text NOT NULL,
  result jsonb NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX IF NOT EXISTS applied_changes_applied_at_idx ON sync.applied_changes (applied_at);

CREATE TABLE IF NOT EXISTS sync.audit_outbox (
  id uuid PRIMARY KEY,
  entry jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
