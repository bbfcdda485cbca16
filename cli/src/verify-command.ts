import { z } from "zod";
import { customerCodeSchema } from "../../functions/src/domain/primitives.js";
import { CliError } from "./cli-error.js";
import { defineCommand } from "./command.js";
import { formatValue } from "./format-figures.js";
import { formatTable } from "./format-table.js";
import { printJson } from "./print-json.js";

const verificationSchema = z.looseObject({
  verified: z.number(),
  equal: z.number(),
  unequal: z.array(
    z.looseObject({
      customerCode: z.string(),
      mismatches: z.array(
        z.looseObject({
          entity: z.string(),
          key: z.string(),
          field: z.string(),
          legacy: z.unknown(),
          new: z.unknown(),
        }),
      ),
    }),
  ),
});

/** A terminal holds this many mismatch lines usefully; `--json` has them all. */
const shownMismatches = 50;

export const verifyCommand = defineCommand({
  name: ["verify"],
  summary: "Compare customers field by field on both sides and record it (admin); exit 1 if any differ",
  usage: "<customerCode…> | --all",
  options: { all: { type: "boolean", description: "verify every customer" } },
  args: z
    .object({
      values: z.strictObject({ all: z.boolean().default(false) }),
      positionals: z.array(customerCodeSchema).max(5_000, "at most 5,000 customers at once (or --all)"),
    })
    .refine((args) => args.values.all !== args.positionals.length > 0, {
      path: ["positionals"],
      error: "give customer codes or --all (one of them)",
    }),
  arguments: ["customerCode"],
  run: async ({ values, positionals }, context) => {
    const body = values.all ? { all: true } : { customers: positionals };
    const answer = await (await context.api()).post("v1/sync/verify", body);
    const result = verificationSchema.safeParse(answer);
    if (context.json || !result.success) printJson(context, answer);
    else context.output.out(formatVerification(result.data));
    const unequal = result.data?.unequal.length ?? 0;
    if (unequal > 0) {
      throw new CliError(
        `${unequal} of ${result.data?.verified} customers differ between legacy and the new system`,
      );
    }
    return 0;
  },
});

function formatVerification(result: z.infer<typeof verificationSchema>): string {
  const summary = `verified ${result.verified}: ${result.equal} equal, ${result.unequal.length} differ`;
  const rows = result.unequal.flatMap(({ customerCode, mismatches }) =>
    mismatches.map((m) => [
      customerCode,
      m.entity,
      m.key,
      m.field,
      formatValue(m.legacy),
      formatValue(m.new),
    ]),
  );
  if (rows.length === 0) return summary;
  const table = formatTable(
    ["customer", "entity", "key", "field", "legacy", "new"],
    rows.slice(0, shownMismatches),
  );
  const more =
    rows.length > shownMismatches ? [`… ${rows.length - shownMismatches} more (--json for all)`] : [];
  return [summary, "", table, ...more].join("\n");
}
