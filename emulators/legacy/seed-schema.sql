-- Project-owned bookkeeping for the synthetic legacy seed. It lives in its own schema so the
-- vendor's tables (schema.sql) keep exactly their columns.

CREATE SCHEMA IF NOT EXISTS seed;

-- One row per seed run on this database. A database holds the output of one (seed, scale,
-- generator version) only: mixing two seeds would make counts meaningless.
CREATE TABLE IF NOT EXISTS seed.runs (
  run_key text PRIMARY KEY,
  seed bigint NOT NULL,
  scale numeric NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- One row per completed batch, written in the same transaction as the batch's rows, so a
-- batch is either fully present and recorded or absent and redone on resume.
CREATE TABLE IF NOT EXISTS seed.progress (
  run_key text NOT NULL REFERENCES seed.runs(run_key),
  table_name text NOT NULL,
  batch_no integer NOT NULL,
  row_count integer NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_key, table_name, batch_no)
);
