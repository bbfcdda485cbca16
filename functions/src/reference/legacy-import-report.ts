import type pg from "pg";
import { legacyClientColumns, legacyDeliveryColumns } from "../legacy/legacy-rows.js";
import { classifyClientRow, classifyDeliveryRow } from "../legacy/mapping/classify.js";
import { type ImportReport, ImportReportBuilder } from "../legacy/mapping/import-report.js";

export interface LegacyImportReport {
  clients: ImportReport;
  deliveries: ImportReport;
}

const fetchSize = 500;

/** Reads a query through a server-side cursor, `fetchSize` rows at a time, never all at once. */
async function* cursorRows(client: pg.PoolClient, name: string, sql: string): AsyncGenerator<unknown> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const batch = await client.query(`FETCH ${fetchSize} FROM ${name}`);
    yield* batch.rows;
    if (batch.rows.length < fetchSize) return;
  }
}

/**
 * Streams every clients and deliveries row through the import classification. Deliveries of a
 * client that was rejected are rejected too (client-missing), as the import would do.
 */
export async function buildLegacyImportReport(pool: pg.Pool): Promise<LegacyImportReport> {
  const client = await pool.connect();
  try {
    // One snapshot for both tables, so a delivery never refers to a client the report did not see.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const clients = new ImportReportBuilder();
    const imported = new Set<string>();
    const clientSql = `SELECT ${legacyClientColumns.join(", ")} FROM clients ORDER BY client_code`;
    for await (const row of cursorRows(client, "clients_cursor", clientSql)) {
      const verdict = classifyClientRow(row);
      if (verdict.outcome !== "rejected") imported.add(verdict.record.code);
      clients.add(verdict);
    }
    const deliveries = new ImportReportBuilder();
    const deliverySql = `SELECT ${legacyDeliveryColumns.join(", ")} FROM deliveries ORDER BY delivery_no`;
    for await (const row of cursorRows(client, "deliveries_cursor", deliverySql)) {
      deliveries.add(classifyDeliveryRow(row, (code) => imported.has(code)));
    }
    await client.query("COMMIT");
    return { clients: clients.build(), deliveries: deliveries.build() };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
