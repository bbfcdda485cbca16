import { z } from "zod";
import {
  conflictStatusSchema,
  resolveBodySchema,
} from "../../functions/src/sync/conflicts/conflict-record.js";
import { type Command, defineCommand, idSchema, noArguments, oneArgument } from "./command.js";
import { formatValue } from "./format-figures.js";
import { formatTable } from "./format-table.js";
import { printJson } from "./print-json.js";

const conflictSchema = z.looseObject({
  id: z.string(),
  customerCode: z.string(),
  fields: z.array(z.string()),
  base: z.record(z.string(), z.unknown()),
  legacy: z.record(z.string(), z.unknown()),
  new: z.record(z.string(), z.unknown()),
  status: z.string(),
  createdAt: z.string(),
});
const listSchema = z.looseObject({ conflicts: z.array(conflictSchema) });

const conflictsPath = "v1/sync/conflicts";

const missingOption: Record<string, string> = {
  choose: "required: legacy, new or value",
  value: "required with --choose value",
  reason: "required: say why (it is recorded)",
};

/** A value as typed: JSON when it reads as JSON (`120`, `null`, `"120"`), else the text itself. */
function typedValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const conflictCommands: Command[] = [
  defineCommand({
    name: ["conflicts", "list"],
    summary: "List money and quantity conflicts the sync holds for an operator",
    usage: "[--status open|resolved]",
    options: { status: { type: "string", value: "open|resolved", description: "only these (default: all)" } },
    args: z.object({
      values: z.strictObject({ status: conflictStatusSchema.optional() }),
      positionals: noArguments,
    }),
    run: async ({ values }, context) => {
      const answer = await (await context.api()).get(conflictsPath, { status: values.status });
      const list = listSchema.safeParse(answer);
      if (context.json || !list.success) printJson(context, answer);
      else context.output.out(formatConflicts(list.data.conflicts));
      return 0;
    },
  }),
  defineCommand({
    name: ["conflicts", "resolve"],
    summary: "Decide a conflict: keep legacy's value, the new system's, or a value of your own (operator)",
    usage: "<id> --choose legacy|new|value [--value <v>] --reason <text>",
    options: {
      choose: { type: "string", value: "legacy|new|value", description: "which side's value wins" },
      value: {
        type: "string",
        value: "v",
        description: "with --choose value: the value (JSON, e.g. 120 or null, or text)",
      },
      reason: { type: "string", value: "text", description: "why (required; recorded in the audit)" },
    },
    args: z.object({
      values: z
        .strictObject({
          choose: z.string().optional(),
          value: z.string().optional(),
          reason: z.string().optional(),
        })
        .transform((values, ctx) => {
          const body = {
            choose: values.choose,
            ...(values.value !== undefined ? { value: typedValue(values.value) } : {}),
            reason: values.reason,
          };
          // The route's own schema, so what it would refuse is refused here first, by option name.
          const checked = resolveBodySchema.safeParse(body);
          if (checked.success) return checked.data;
          for (const issue of checked.error.issues) {
            const option = String(issue.path[0] ?? "choose");
            const missing = values[option as keyof typeof values] === undefined;
            const wrong = option === "choose" ? "must be legacy, new or value" : issue.message;
            const message = missing ? (missingOption[option] ?? issue.message) : wrong;
            ctx.addIssue({ code: "custom", path: [option], message });
          }
          return z.NEVER;
        }),
      positionals: oneArgument("conflict id", idSchema),
    }),
    arguments: ["id"],
    run: async ({ values, positionals: id }, context) => {
      const answer = await (await context.api()).post(
        `${conflictsPath}/${encodeURIComponent(id)}:resolve`,
        values,
      );
      const resolved = conflictSchema.safeParse(answer);
      if (context.json || !resolved.success) printJson(context, answer);
      else context.output.out(`conflict ${id} resolved: ${values.choose} (${resolved.data.status})`);
      return 0;
    },
  }),
];

function formatConflicts(conflicts: z.infer<typeof conflictSchema>[]): string {
  if (conflicts.length === 0) return "no conflicts";
  const side = (record: Record<string, unknown>, fields: string[]) =>
    fields.map((field) => `${field}=${formatValue(record[field])}`).join(", ");
  return formatTable(
    ["id", "customer", "status", "base", "legacy", "new", "since"],
    conflicts.map((c) => [
      c.id,
      c.customerCode,
      c.status,
      side(c.base, c.fields),
      side(c.legacy, c.fields),
      side(c.new, c.fields),
      c.createdAt,
    ]),
  );
}
