import { z } from "zod";
import { createLegacyPool } from "../adapters/legacy-pool.js";
import { buildLegacyImportReport, type LegacyImportReport } from "../reference/legacy-import-report.js";
import { formatImportReport, isImportReportConsistent } from "./mapping/import-report.js";

/** What both command lines accept as `--url`. */
export const legacyDatabaseUrlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (or set LEGACY_DATABASE_URL)");

export interface CheckedImportReport extends LegacyImportReport {
  /** Both reports' totals add up (every row has exactly one outcome). */
  consistent: boolean;
}

/**
 * The import report of the legacy database at `url`, on one connection of its own that is closed
 * afterwards: what `npm run import:report` and `luckygas import-report` print.
 */
export async function readImportReport(url: string): Promise<CheckedImportReport> {
  const pool = createLegacyPool(url, { max: 1 });
  try {
    const report = await buildLegacyImportReport(pool);
    const consistent =
      isImportReportConsistent(report.clients) && isImportReportConsistent(report.deliveries);
    return { ...report, consistent };
  } finally {
    await pool.end();
  }
}

export function formatReadImportReport(report: LegacyImportReport): string {
  return [
    formatImportReport(report.clients, "clients → customers"),
    "",
    formatImportReport(report.deliveries, "deliveries → orders"),
  ].join("\n");
}
