import { z } from "zod";
import { reasonSchema } from "../../functions/src/audit/audit-log.js";
import { cohortIdSchema } from "../../functions/src/cohorts/cohort-record.js";
import { CliError } from "./cli-error.js";
import {
  type Command,
  type CommandContext,
  defineCommand,
  idSchema,
  noArguments,
  oneArgument,
} from "./command.js";
import { formatWaveStatus, type WaveStatus, waveStatusSchema } from "./format-wave-status.js";
import { pageOptions, pageValues, printPagedList } from "./paged-list.js";
import { printJson } from "./print-json.js";
import { watchWave } from "./watch-wave.js";
import { waveJsonLines, waveProgressBar } from "./wave-progress-bar.js";

const reasonOption = {
  reason: { type: "string", value: "text", description: "why (required; recorded in the audit)" },
} as const;
const watchOptions = {
  watch: { type: "boolean", description: "follow the wave with a progress bar until it stops running" },
  interval: { type: "string", value: "seconds", description: "between polls while watching (default 2)" },
} as const;

const requiredReason = z.string({ error: "required: say why (it is recorded)" }).pipe(reasonSchema);
const intervalText = z
  .string()
  .regex(/^\d+(\.\d+)?$/, "must be a number of seconds")
  .transform(Number)
  .pipe(z.number().min(0.2, "at least 0.2 s").max(300, "at most 300 s"))
  .default(2);
const waveId = oneArgument("wave id", idSchema);
const wavePath = (id: string) => `v1/waves/${encodeURIComponent(id)}`;

async function readWave(context: CommandContext, id: string): Promise<{ body: unknown; wave?: WaveStatus }> {
  const body = await (await context.api()).get(wavePath(id));
  return { body, wave: waveStatusSchema.safeParse(body).data };
}

/** Shows a status once, or follows it; a wave that ends `failed` is a failed command. */
async function showWave(
  context: CommandContext,
  id: string,
  watch: boolean,
  intervalSeconds: number,
): Promise<number> {
  if (!watch) {
    const { body, wave } = await readWave(context, id);
    if (context.json || !wave) printJson(context, body);
    else context.output.out(formatWaveStatus(wave));
    return 0;
  }
  const final = await watchWave({
    read: async () => {
      const { body, wave } = await readWave(context, id);
      if (!wave)
        throw new CliError(
          `the API answered GET /v1/waves/${id} with no wave status: ${JSON.stringify(body)}`,
        );
      return wave;
    },
    view: context.json ? waveJsonLines(context.output) : waveProgressBar(),
    intervalMs: intervalSeconds * 1000,
    signal: context.signal,
  });
  if (!context.json) context.output.out(formatWaveStatus(final));
  if (final.status === "failed")
    throw new CliError(
      `wave ${final.id} failed at stage ${final.stage}; its gates say why (luckygas wave status ${final.id})`,
    );
  return 0;
}

const actions = [
  { action: "advance", summary: "Move the wave's customers to the next stage (admin)" },
  { action: "pause", summary: "Pause the wave where it is (operator)" },
  { action: "resume", summary: "Resume a paused wave (operator)" },
  {
    action: "rollback",
    summary: "Move the wave's customers back, draining every new-side write first (admin)",
  },
] as const;

const actionCommands = actions.map(({ action, summary }) =>
  defineCommand({
    name: ["wave", action],
    summary,
    usage: "<id> --reason <text> [--watch] [--interval <seconds>]",
    options: { ...reasonOption, ...watchOptions },
    args: z.object({
      values: z.strictObject({
        reason: requiredReason,
        watch: z.boolean().default(false),
        interval: intervalText,
      }),
      positionals: waveId,
    }),
    arguments: ["id"],
    run: async ({ values, positionals: id }, context) => {
      const answer = await (await context.api()).post(`${wavePath(id)}:${action}`, { reason: values.reason });
      if (values.watch) {
        if (!context.json) context.output.err(`wave ${id}: ${action} accepted`);
        return showWave(context, id, true, values.interval);
      }
      if (context.json) printJson(context, answer);
      else {
        const wave = waveStatusSchema.safeParse(answer).data;
        context.output.out(wave ? formatWaveStatus(wave) : `wave ${id}: ${action} accepted`);
      }
      return 0;
    },
  }),
);

export const waveCommands: Command[] = [
  defineCommand({
    name: ["wave", "create"],
    summary: "Create a wave that takes a cohort through the stages (admin)",
    usage: "--cohort <id> --reason <text>",
    options: {
      cohort: { type: "string", value: "id", description: "the cohort the wave migrates" },
      ...reasonOption,
    },
    args: z.object({
      values: z.strictObject({
        cohort: z.string({ error: "required: the cohort the wave migrates" }).pipe(cohortIdSchema),
        reason: requiredReason,
      }),
      positionals: noArguments,
    }),
    run: async ({ values }, context) => {
      const answer = await (await context.api()).post("v1/waves", {
        cohortId: values.cohort,
        reason: values.reason,
      });
      const wave = waveStatusSchema.safeParse(answer).data;
      if (context.json || !wave) printJson(context, answer);
      else
        context.output.out(
          `wave ${wave.id} created for cohort ${values.cohort}: stage ${wave.stage}, ${wave.status}`,
        );
      return 0;
    },
  }),
  ...actionCommands,
  defineCommand({
    name: ["wave", "status"],
    summary: "Show a wave's stage, status, progress, gates and customers per stage",
    usage: "<id> [--watch] [--interval <seconds>]",
    options: watchOptions,
    args: z.object({
      values: z.strictObject({ watch: z.boolean().default(false), interval: intervalText }),
      positionals: waveId,
    }),
    arguments: ["id"],
    run: ({ values, positionals: id }, context) => showWave(context, id, values.watch, values.interval),
  }),
  defineCommand({
    name: ["wave", "customers"],
    summary: "List a wave's customers with their stage and outcome",
    usage: "<id> [--page-size <n>] [--page-token <token>] [--all]",
    options: pageOptions,
    args: z.object({ values: z.strictObject(pageValues), positionals: waveId }),
    arguments: ["id"],
    run: ({ values, positionals: id }, context) =>
      printPagedList(context, `${wavePath(id)}/customers`, values),
  }),
];
