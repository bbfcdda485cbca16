import { z } from "zod";
import { cohortIdSchema } from "../../functions/src/cohorts/cohort-record.js";
import { cohortRequestArgs, cohortRequestOptions } from "./cohort-request-args.js";
import { type Command, defineCommand, noArguments, oneArgument } from "./command.js";
import { formatCohortReport } from "./format-cohort-report.js";
import { pageOptions, pageValues, printPagedList } from "./paged-list.js";
import { printJson } from "./print-json.js";

const sizeUsage = "(--percent <p> | --count <n>) [options]";
const oneId = oneArgument("cohort id", cohortIdSchema);

export const cohortCommands: Command[] = [
  defineCommand({
    name: ["cohort", "preview"],
    summary: "Draw a cohort and show its report; nothing is stored",
    usage: sizeUsage,
    options: cohortRequestOptions,
    args: cohortRequestArgs,
    run: async (body, context) => {
      const answer = await (await context.api()).post("v1/cohorts:preview", body);
      if (context.json) printJson(context, answer);
      else context.output.out(formatCohortReport(answer));
      return 0;
    },
  }),
  defineCommand({
    name: ["cohort", "create"],
    summary: "Draw a cohort and store it with its parameters, seed and report (admin)",
    usage: sizeUsage,
    options: cohortRequestOptions,
    args: cohortRequestArgs,
    run: async (body, context) => {
      // A cohort outside the limits is refused by the API (a problem, so exit 1) and stored nowhere.
      const answer = await (await context.api()).post("v1/cohorts", body);
      if (context.json) printJson(context, answer);
      else context.output.out(formatCohortReport(answer));
      return 0;
    },
  }),
  defineCommand({
    name: ["cohort", "show"],
    summary: "Show a stored cohort's report",
    usage: "<id>",
    options: {},
    args: z.object({ values: z.strictObject({}), positionals: oneId }),
    arguments: ["id"],
    run: async ({ positionals: id }, context) => {
      const answer = await (await context.api()).get(`v1/cohorts/${encodeURIComponent(id)}`);
      if (context.json) printJson(context, answer);
      else context.output.out(formatCohortReport(answer));
      return 0;
    },
  }),
  defineCommand({
    name: ["cohort", "list"],
    summary: "List the stored cohorts",
    usage: "[--page-size <n>] [--page-token <token>] [--all]",
    options: pageOptions,
    args: z.object({ values: z.strictObject(pageValues), positionals: noArguments }),
    run: ({ values }, context) => printPagedList(context, "v1/cohorts", values),
  }),
  defineCommand({
    name: ["cohort", "members"],
    summary: "List a cohort's customers",
    usage: "<id> [--page-size <n>] [--page-token <token>] [--all]",
    options: pageOptions,
    args: z.object({ values: z.strictObject(pageValues), positionals: oneId }),
    arguments: ["id"],
    run: ({ values, positionals: id }, context) =>
      printPagedList(context, `v1/cohorts/${encodeURIComponent(id)}/members`, values),
  }),
];
