import type { Command, OptionSpecs } from "./command.js";
import { globalOptions } from "./connection.js";

const exitCodes =
  "Exit codes: 0 done, 1 the work failed (an API refusal, a service not reachable), 2 bad arguments, 130 interrupted.";

export function overallHelp(commands: readonly Command[]): string {
  const names = commands.map((command) => command.name.join(" "));
  const width = Math.max(...names.map((name) => name.length));
  return [
    "luckygas: the Lucky Gas migration control plane from a terminal",
    "",
    "usage: luckygas <command> [options]",
    "",
    "commands:",
    ...commands.map((command, index) => `  ${(names[index] ?? "").padEnd(width)}  ${command.summary}`),
    "",
    "options of every command:",
    ...optionLines(globalOptions),
    "",
    "Against the local stack (npm start) no option is needed. `luckygas <command> --help` lists its options.",
    exitCodes,
  ].join("\n");
}

export function groupHelp(group: string, commands: readonly Command[]): string {
  return [
    `usage: luckygas ${group} ${commands.map((command) => command.name[1]).join("|")} …`,
    "",
    ...commands.map((command) => `  luckygas ${command.name.join(" ")} ${command.usage}`.trimEnd()),
    "",
    `\`luckygas ${group} <action> --help\` for the options of one.`,
  ].join("\n");
}

export function commandHelp(command: Command): string {
  const own = optionLines(command.options);
  return [
    `usage: luckygas ${command.name.join(" ")} ${command.usage}`.trimEnd(),
    "",
    command.summary,
    ...(own.length > 0 ? ["", "options:", ...own] : []),
    "",
    "options of every command:",
    ...optionLines(globalOptions),
    "",
    exitCodes,
  ].join("\n");
}

function optionLines(options: OptionSpecs): string[] {
  const heads = Object.entries(options).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : "";
    const value = spec.type === "string" ? ` <${spec.value ?? "value"}>` : "";
    return `${short}--${name}${value}${spec.multiple ? " …" : ""}`;
  });
  const width = Math.max(0, ...heads.map((head) => head.length));
  return Object.values(options).map(
    (spec, index) => `  ${(heads[index] ?? "").padEnd(width)}  ${spec.description}`,
  );
}
