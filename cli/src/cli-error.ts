/**
 * A failure the command line reports as one line on stderr and an exit code: 1 when the work
 * failed (an API refusal, an unreachable service), 2 when the command line itself was wrong.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad arguments, options or environment: nothing was sent anywhere. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}
