import { parseArgs } from "node:util";
import { z } from "zod";
import { localStack } from "../../../emulators/src/local-stack.js";
import { formatReadImportReport, legacyDatabaseUrlSchema, readImportReport } from "./read-import-report.js";

/**
 * Classifies every clients and deliveries row of the legacy database (streamed through a
 * cursor) and prints the import report:  npm run import:report [-- --url postgres://…]
 * The URL defaults to LEGACY_DATABASE_URL, then to the running local stack's database (where
 * `npm start` puts it: LEGACY_DB_PORT, default 5433). Exit codes: 0 report printed and its
 * totals add up, 1 database error or totals that do not add up, 2 bad arguments.
 */
const argsSchema = z.strictObject({ url: legacyDatabaseUrlSchema });
const usage = "usage: import-report-cli [--url postgres://user:pass@host:port/db]";

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> {
  try {
    const { values } = parseArgs({ args: argv, options: { url: { type: "string" } }, strict: true });
    // An exported but empty LEGACY_DATABASE_URL counts as unset, as in `luckygas import-report`.
    return argsSchema.parse({
      url: values.url ?? (process.env.LEGACY_DATABASE_URL || localStack().legacyDatabaseUrl),
    });
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    console.error(`${detail}\n${usage}`);
    process.exit(2);
  }
}

async function main(): Promise<number> {
  const { url } = parseCommandLine(process.argv.slice(2));
  const report = await readImportReport(url);
  console.log(formatReadImportReport(report));
  return report.consistent ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`import report failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
