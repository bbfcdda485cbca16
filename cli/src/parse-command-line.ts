import { parseArgs } from "node:util";
import { UsageError } from "./cli-error.js";
import { type Command, describeIssue, type OptionSpecs, type Run } from "./command.js";
import { type GlobalArgs, globalArgsSchema, globalOptions } from "./connection.js";
import { commandHelp, groupHelp, overallHelp } from "./help-text.js";

export type ParsedCommandLine =
  | { kind: "help"; text: string }
  | { kind: "run"; command: Command; global: GlobalArgs; run: Run };

/** Reads the command line without running anything; every mistake is a UsageError of one line. */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): ParsedCommandLine {
  const [first, second] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    return { kind: "help", text: overallHelp(commands) };
  }
  const command =
    commands.find((c) => c.name.length === 2 && c.name[0] === first && c.name[1] === second) ??
    commands.find((c) => c.name.length === 1 && c.name[0] === first);
  if (command === undefined) return groupOrUnknown(first, second, commands);
  const rest = argv.slice(command.name.length);
  const { values, positionals } = parseOptions(rest, command.options);
  const { as, email, api, json, help, ...own } = values;
  const global = globalArgsSchema.safeParse({ as, email, api, json, help });
  if (!global.success) throw new UsageError(describeIssue(global.error, [], "option"));
  if (global.data.help) return { kind: "help", text: commandHelp(command) };
  return { kind: "run", command, global: global.data, run: command.prepare({ values: own, positionals }) };
}

function groupOrUnknown(
  first: string,
  second: string | undefined,
  commands: readonly Command[],
): ParsedCommandLine {
  const group = commands.filter((c) => c.name.length === 2 && c.name[0] === first);
  if (group.length === 0) throw new UsageError(`unknown command "${first}"`);
  if (second === undefined || second === "--help" || second === "-h") {
    return { kind: "help", text: groupHelp(first, group) };
  }
  const actions = group.map((c) => c.name[1]).join(", ");
  throw new UsageError(`unknown command "${first} ${second}"; ${first} takes ${actions}`);
}

function parseOptions(args: string[], own: OptionSpecs): ReturnType<typeof parseArgs> {
  const all: OptionSpecs = { ...globalOptions, ...own };
  const options = Object.fromEntries(
    Object.entries(all).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.multiple ? { multiple: true } : {}),
        ...(spec.short ? { short: spec.short } : {}),
      },
    ]),
  );
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
}

/** node's parseArgs explains at length and over lines; one short line is enough. */
export function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[\w-]+)/.exec(message)?.[1];
  if (option && /argument missing|ambiguous/.test(message)) return `${option} needs a value`;
  if (option && message.startsWith("Unknown option")) return `unknown option ${option}`;
  if (option && /does not take an argument/.test(message)) return `${option} takes no value`;
  return message.replace(/\s*\n\s*/g, "; ");
}
