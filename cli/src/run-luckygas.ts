import { type ApiClient, createApiClient } from "./api-client.js";
import { oneLine } from "./api-error.js";
import { CliError } from "./cli-error.js";
import type { Command, Output } from "./command.js";
import { resolveConnection } from "./connection.js";
import { parseCommandLine } from "./parse-command-line.js";
import { signedInToken } from "./sign-in.js";

export interface LuckygasIo {
  output: Output;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  fetch?: typeof fetch;
}

/** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
export const interruptedExitCode = 130;

/** The whole command line as a function: arguments in, an exit code out, nothing exits the process. */
export async function runLuckygas(
  argv: readonly string[],
  commands: readonly Command[],
  io: LuckygasIo,
): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, commands);
    if (parsed.kind === "help") {
      io.output.out(parsed.text);
      return 0;
    }
    let client: Promise<ApiClient> | undefined;
    const api = () => {
      client ??= Promise.resolve().then(() => {
        const connection = resolveConnection(parsed.global, io.env);
        return createApiClient({
          baseUrl: connection.apiUrl,
          token: signedInToken(connection.signIn, io.fetch),
          signal: io.signal,
          fetch: io.fetch,
        });
      });
      return client;
    };
    return await parsed.run({
      api,
      json: parsed.global.json,
      output: io.output,
      env: io.env,
      signal: io.signal,
    });
  } catch (error) {
    if (io.signal.aborted) return interruptedExitCode;
    const message = error instanceof Error ? error.message : String(error);
    io.output.err(`luckygas: ${oneLine(message)}`);
    if (error instanceof CliError) return error.exitCode;
    return 1;
  }
}
