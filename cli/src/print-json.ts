import type { CommandContext } from "./command.js";

/** `--json`: the API's answer as it is, indented, so scripts read exactly what the API said. */
export function printJson(context: CommandContext, body: unknown): void {
  context.output.out(JSON.stringify(body ?? null, null, 2));
}
