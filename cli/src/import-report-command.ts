import { z } from "zod";
import { localStack } from "../../emulators/src/local-stack.js";
import {
  formatReadImportReport,
  legacyDatabaseUrlSchema,
  readImportReport,
} from "../../functions/src/legacy/read-import-report.js";
import { CliError, UsageError } from "./cli-error.js";
import { defineCommand, noArguments } from "./command.js";
import { printJson } from "./print-json.js";

/**
 * Reads the legacy database itself, as `npm run import:report` does (the same functions), so it
 * needs no sign-in: `--url`, else LEGACY_DATABASE_URL, else the running local stack's database.
 */
export const importReportCommand = defineCommand({
  name: ["import-report"],
  summary:
    "Classify every legacy clients and deliveries row as the import would; exit 1 if totals do not add up",
  usage: "[--url postgres://user:pass@host:port/db]",
  options: {
    url: {
      type: "string",
      value: "postgres-url",
      description: "the legacy database (default LEGACY_DATABASE_URL, then the local stack's)",
    },
  },
  args: z.object({
    values: z.strictObject({ url: legacyDatabaseUrlSchema.optional() }),
    positionals: noArguments,
  }),
  run: async ({ values }, context) => {
    const url = legacyDatabaseUrl(values.url, context.env);
    const report = await readImportReport(url).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const hint = /ECONNREFUSED/.test(message) ? "; is the local stack running (`npm start`)?" : "";
      throw new CliError(`the legacy database at ${hostOf(url)} could not be read: ${message}${hint}`);
    });
    if (context.json) printJson(context, report);
    else context.output.out(formatReadImportReport(report));
    if (!report.consistent) throw new CliError("the import report's totals do not add up");
    return 0;
  },
});

function legacyDatabaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined) return flag;
  const fromEnv = env.LEGACY_DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== "") {
    const parsed = legacyDatabaseUrlSchema.safeParse(fromEnv);
    if (!parsed.success) throw new UsageError(`LEGACY_DATABASE_URL ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }
  try {
    return localStack(env).legacyDatabaseUrl;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Where the database is, without its password. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}
