import { redactedJson } from "./redact.js";

export type Severity = "DEBUG" | "INFO" | "WARNING" | "ERROR";
const order: Record<Severity, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 };

export interface LogContext {
  /** `projects/<id>/traces/<trace>` so Cloud Logging groups lines by request. */
  trace?: string;
  correlationId?: string;
}

export interface Logger {
  log(severity: Severity, message: string, fields?: Record<string, unknown>): void;
  with(context: LogContext): Logger;
}

/** Kept here too: callers masking free text by hand import it with the logger. */
export { redact } from "./redact.js";

/**
 * One JSON object per line on stdout: the shape Cloud Logging parses into severity,
 * message and trace. Writes go through `sink` so tests can read them. No line carries
 * personal data: fields such as phone, address or taxId are dropped whole and every string,
 * message included, is scanned for phone numbers, tax ids and addresses (see redact.ts).
 */
export class JsonLogger implements Logger {
  constructor(
    private readonly minimum: Severity = "INFO",
    private readonly context: LogContext = {},
    private readonly sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  log(severity: Severity, message: string, fields: Record<string, unknown> = {}): void {
    if (order[severity] < order[this.minimum]) return;
    const entry: Record<string, unknown> = { severity, message, ...fields, time: new Date().toISOString() };
    if (this.context.trace) entry["logging.googleapis.com/trace"] = this.context.trace;
    if (this.context.correlationId) entry.correlationId = this.context.correlationId;
    this.sink(redactedJson(entry));
  }

  with(context: LogContext): Logger {
    return new JsonLogger(this.minimum, { ...this.context, ...context }, this.sink);
  }
}
