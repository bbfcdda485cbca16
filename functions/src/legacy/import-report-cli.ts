import { parseArgs } from "node:util";
import { z } from "zod";
import { createLegacyPool } from "../adapters/legacy-pool.js";
import { buildLegacyImportReport } from "../reference/legacy-import-report.js";
import { formatImportReport, isImportReportConsistent } from "./mapping/import-report.js";

/**
 * Classifies every clients and deliveries row of the legacy database (streamed through a
 * cursor) and prints the import report:  npm run import:report [-- --url postgres://…]
 * The URL defaults to LEGACY_DATABASE_URL. Exit codes: 0 report printed and its totals add
 * up, 1 database error or totals that do not add up, 2 bad arguments.
 */
const argsSchema = z.strictObject({
  url: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (or set LEGACY_DATABASE_URL)"),
});
const usage = "usage: import-report-cli [--url postgres://user:pass@host:port/db]";

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> {
  try {
    const { values } = parseArgs({ args: argv, options: { url: { type: "string" } }, strict: true });
    return argsSchema.parse({ url: values.url ?? process.env.LEGACY_DATABASE_URL });
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    console.error(`${detail}\n${usage}`);
    process.exit(2);
  }
}

async function main(): Promise<number> {
  const { url } = parseCommandLine(process.argv.slice(2));
  const pool = createLegacyPool(url, { max: 1 });
  try {
    const report = await buildLegacyImportReport(pool);
    console.log(formatImportReport(report.clients, "clients → customers"));
    console.log();
    console.log(formatImportReport(report.deliveries, "deliveries → orders"));
    return isImportReportConsistent(report.clients) && isImportReportConsistent(report.deliveries) ? 0 : 1;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`import report failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
