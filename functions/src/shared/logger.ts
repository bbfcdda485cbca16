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

/**
 * Anything that looks like a phone number (8 to 10 digits, maybe split by dashes or spaces,
 * not part of a longer code) is masked before a line is written: no full phone in any log.
 */
const phonePattern = /(?<![\w-])\d{2,4}[-\s]?\d{3,4}[-\s]?\d{0,4}(?![\w-])/g;
export function redact(text: string): string {
  return text.replace(phonePattern, (match) => {
    const digits = match.replace(/\D/g, "");
    if (digits.length < 8 || digits.length > 10) return match;
    return `${digits.slice(0, 4)}***${digits.slice(-2)}`;
  });
}

/**
 * One JSON object per line on stdout: the shape Cloud Logging parses into severity,
 * message and trace. Writes go through `sink` so tests can read them.
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
    this.sink(redact(JSON.stringify(entry)));
  }

  with(context: LogContext): Logger {
    return new JsonLogger(this.minimum, { ...this.context, ...context }, this.sink);
  }
}
