import type pg from "pg";

/** PostgreSQL array types of the non-text columns; every other column is sent as text[]. */
const columnArrayTypes: Record<string, string> = {
  size_kg: "int2[]",
  unit_price: "int4[]",
  avg_daily_kg: "numeric[]",
  monthly_kg: "numeric[]",
  flow_kg: "numeric[]",
  max_cycle_days: "int2[]",
  can_delay_days: "int2[]",
  credit_limit: "int4[]",
  balance: "int4[]",
  empties_returned: "int2[]",
  amount: "int4[]",
};

function arrayTypeOf(column: string): string {
  if (/^(cyl|qty)_/.test(column)) return "int2[]";
  return columnArrayTypes[column] ?? "text[]";
}

/**
 * One multi-row INSERT for the whole batch, sent as one array per column and expanded with
 * unnest(): a fixed number of parameters whatever the batch size (a VALUES list would hit the
 * 65,535-parameter limit on a busy day at scale 10), and one short statement to parse.
 * Rows already present are skipped, so replaying a batch is harmless.
 */
export async function insertRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const arrays = columns.map((column) => rows.map((row) => row[column]));
  const unnestArgs = columns.map((column, index) => `$${index + 1}::${arrayTypeOf(column)}`).join(", ");
  const result = await client.query(
    `INSERT INTO ${table} (${columns.join(", ")}) SELECT * FROM unnest(${unnestArgs}) ON CONFLICT DO NOTHING`,
    arrays,
  );
  return result.rowCount ?? 0;
}
