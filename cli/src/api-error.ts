import { z } from "zod";
import { CliError } from "./cli-error.js";

/** The RFC 9457 problem every error answer of the API is (functions/src/http/problem.ts). */
export const problemSchema = z.looseObject({
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  correlationId: z.string().optional(),
  errors: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** An API refusal, with the problem (when the body was one) for whoever wants more than the line. */
export class ApiError extends CliError {
  readonly problem: Problem | undefined;

  constructor(
    readonly status: number,
    body: unknown,
  ) {
    super(describeProblem(status, body), 1);
    this.name = "ApiError";
    this.problem = problemSchema.safeParse(body).data;
  }
}

/** One line: status, title, detail, the field errors and the correlation id to quote when reporting. */
export function describeProblem(status: number, body: unknown): string {
  const parsed = problemSchema.safeParse(body);
  if (!parsed.success) {
    const text = typeof body === "string" ? body.trim().slice(0, 200) : "";
    return oneLine(`${status} ${text || "the API answered without a problem document"}`);
  }
  const { title, detail, errors, correlationId } = parsed.data;
  const fields = errors?.length ? ` (${errors.map((e) => `${e.path}: ${e.message}`).join("; ")})` : "";
  const correlation = correlationId ? ` [correlation id ${correlationId}]` : "";
  return oneLine(`${status} ${title}${detail ? `: ${detail}` : ""}${fields}${correlation}`);
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, "; ");
}
