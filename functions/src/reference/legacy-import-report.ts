import type pg from "pg";
import { cursorRows, inLegacySnapshot } from "../adapters/legacy-cursor.js";
import { legacyClientColumns, legacyDeliveryColumns } from "../legacy/legacy-rows.js";
import { classifyClientRow, classifyDeliveryRow } from "../legacy/mapping/classify.js";
import { type ImportReport, ImportReportBuilder } from "../legacy/mapping/import-report.js";

export interface LegacyImportReport {
  clients: ImportReport;
  deliveries: ImportReport;
}

/**
 * Streams every clients and deliveries row through the import classification. Deliveries of a
 * client that was rejected are rejected too (client-missing), as the import would do.
 */
export function buildLegacyImportReport(pool: pg.Pool): Promise<LegacyImportReport> {
  // One snapshot for both tables, so a delivery never refers to a client the report did not see.
  return inLegacySnapshot(pool, async (client) => {
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
    return { clients: clients.build(), deliveries: deliveries.build() };
  });
}
