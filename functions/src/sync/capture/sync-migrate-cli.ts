import { parseArgs } from "node:util";
import { z } from "zod";
import { createLegacyPool } from "../../adapters/legacy-pool.js";
import { applySyncSchema, installedSyncSchemaVersion, syncSchemaVersion } from "./sync-schema.js";

/**
 * Installs or upgrades legacy change capture (the `sync` schema and the triggers on `clients` and
 * `deliveries`), the one step that takes locks on the vendor tables, so it is run on purpose:
 *   npm run sync:migrate [-- --url postgres://…] [--check]
 * Run it before deploying functions that need a newer version, outside the nightly balance job.
 * The URL defaults to LEGACY_DATABASE_URL, then to the local stack's database. `--check` only
 * reports. Exit codes: 0 installed (or, with --check, up to date), 1 database error or (--check)
 * out of date, 2 bad arguments.
 */
const localStackUrl = "postgres://postgres:legacy-dev@127.0.0.1:5433/legacy";
const argsSchema = z.strictObject({
  url: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  check: z.boolean(),
});
const usage = "usage: sync-migrate-cli [--url postgres://user:pass@host:port/db] [--check]";

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { url: { type: "string" }, check: { type: "boolean" } },
      strict: true,
    });
    return argsSchema.parse({
      url: values.url ?? process.env.LEGACY_DATABASE_URL ?? localStackUrl,
      check: values.check ?? false,
    });
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    console.error(`${detail}\n${usage}`);
    process.exit(2);
  }
}

/** Where the database is, without its password. */
function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function main(): Promise<number> {
  const { url, check } = parseCommandLine(process.argv.slice(2));
  const pool = createLegacyPool(url, { max: 1 });
  try {
    const before = await installedSyncSchemaVersion(pool);
    if (check) {
      console.log(
        `change capture at ${hostOf(url)}: version ${before}, this code needs ${syncSchemaVersion}`,
      );
      return before >= syncSchemaVersion ? 0 : 1;
    }
    await applySyncSchema(pool);
    console.log(`change capture at ${hostOf(url)}: version ${before} → ${syncSchemaVersion}`);
    return 0;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // The vendor tables stayed locked longer than the lock timeout (inLegacyTransaction says so).
    const code = (error as { code?: unknown }).code;
    const explained: Record<string, string> = {
      DEPENDENCY_UNAVAILABLE:
        "sync:migrate gave up: the vendor tables stayed locked for 5 s (the nightly job?). Nothing changed; run it again later.",
      ECONNREFUSED:
        "sync:migrate: no database answers at that URL. Start the local stack (`npm start`) or pass --url.",
    };
    console.error(explained[String(code)] ?? `sync:migrate failed: ${message}`);
    process.exit(1);
  },
);
