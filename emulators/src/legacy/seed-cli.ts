import { parseArgs } from "node:util";
import { z } from "zod";
import { seedOptionsSchema } from "./generator/plan.js";
import { seedLegacyDatabase } from "./seed.js";

/**
 * Seeds a legacy database: `tsx emulators/src/legacy/seed-cli.ts --url postgres://… --seed 1 --scale 1`.
 * Exit codes: 0 done, 1 seeding failed (rerun resumes), 2 bad arguments.
 */
const argsSchema = z.object({
  url: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  seed: z.coerce.number().pipe(seedOptionsSchema.shape.seed),
  scale: z.coerce.number().pipe(seedOptionsSchema.shape.scale),
});

const usage = "usage: seed-cli --url postgres://user:pass@host:port/db [--seed 1] [--scale 1]";

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { url: { type: "string" }, seed: { type: "string" }, scale: { type: "string" } },
      strict: true,
    });
    return argsSchema.parse({
      url: values.url ?? process.env.LEGACY_DATABASE_URL,
      seed: values.seed ?? "1",
      scale: values.scale ?? "1",
    });
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    console.error(`${detail}\n${usage}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const started = performance.now();
  const counts = await seedLegacyDatabase(args.url, {
    seed: args.seed,
    scale: args.scale,
    onProgress: ({ table, batchesDone, batchesTotal }) =>
      console.error(`  ${table}: ${batchesDone}/${batchesTotal} batches`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(JSON.stringify({ ...counts, seconds: Number(seconds) }));
}

main().catch((error: unknown) => {
  console.error(
    `seeding failed (run again to resume): ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
