import { z } from "zod";
import type { ApiClient } from "./api-client.js";
import { UsageError } from "./cli-error.js";

/** One option as node:util parseArgs takes it, with what help says about it. */
export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** The placeholder help shows for a string option's value. */
  value?: string;
  description: string;
}
export type OptionSpecs = Record<string, OptionSpec>;

export interface RawArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  /** Signs in on first use; commands that read the legacy database never do. */
  api(): Promise<ApiClient>;
  json: boolean;
  output: Output;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export type Run = (context: CommandContext) => Promise<number>;

export interface Command {
  /** As typed: `["cohort", "preview"]`, `["verify"]`. */
  name: readonly string[];
  summary: string;
  /** What follows the name in the usage line, e.g. `<id> --reason <text>`. */
  usage: string;
  options: OptionSpecs;
  /** Validates the arguments (throws UsageError) and returns the work, so nothing runs on a typo. */
  prepare(raw: RawArgs): Run;
}

export interface CommandSpec<S extends z.ZodType> extends Omit<Command, "prepare"> {
  /** Validates `{ values, positionals }`; its paths name options (`values.x`) and arguments. */
  args: S;
  /** Names positional arguments in error messages, e.g. `["id"]`. */
  arguments?: readonly string[];
  run(args: z.infer<S>, context: CommandContext): Promise<number>;
}

export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): Command {
  const { args, run, arguments: names = [], ...command } = spec;
  return {
    ...command,
    prepare: (raw) => {
      const parsed = args.safeParse(raw);
      if (!parsed.success) throw new UsageError(describeIssue(parsed.error, names));
      return (context) => run(parsed.data, context);
    },
  };
}

/** The first issue, named as the user typed it: `--percent: …`, `<id>: …`. */
export function describeIssue(
  error: z.ZodError,
  argumentNames: readonly string[] = [],
  /** "option" when the schema's paths are option names themselves, not `values.<name>`. */
  shape: "args" | "option" = "args",
): string {
  const issue = error.issues[0];
  if (!issue) return "invalid arguments";
  const [part, key, ...rest] = shape === "option" ? ["values", ...issue.path] : issue.path;
  if (part === "values" && issue.code === "unrecognized_keys") {
    return `unknown option --${issue.keys[0]}`;
  }
  if (part === "values" && key !== undefined) return `--${String(key)}: ${issue.message}`;
  if (part === "positionals") {
    const name = argumentNames[Number(key ?? 0)] ?? argumentNames.at(-1);
    return name === undefined ? issue.message : `<${name}>: ${issue.message}`;
  }
  const where = [part, key, ...rest].filter((p) => p !== undefined).join(".");
  return `${where}: ${issue.message}`;
}

/** Building blocks for argument schemas. */
export const flag = z.boolean().default(false);
export const noArguments = z.array(z.string()).superRefine((values, ctx) => {
  if (values.length > 0) ctx.addIssue({ code: "custom", message: `unexpected argument "${values[0]}"` });
});
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "an id is 1–128 letters, digits, _ or -");
export const positiveIntText = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .pipe(z.int().positive("must be at least 1"));
/** A repeatable option whose values may also be comma-separated: `--include 1,2 --include 3`. */
export const listText = z
  .array(z.string())
  .default([])
  .transform((values) =>
    values
      .flatMap((value) => value.split(","))
      .map((v) => v.trim())
      .filter(Boolean),
  );

/** Exactly one positional argument, checked by `schema`; the parsed value is the argument itself. */
export function oneArgument<T extends z.ZodType<unknown, string>>(name: string, schema: T) {
  return z
    .array(z.string())
    .refine((values) => values.length === 1, `give one ${name}`)
    .transform((values) => values[0] ?? "")
    .pipe(schema);
}
