import { toProblem } from "./problem.js";
import type { HttpResponse } from "./route.js";

/** The HTTP answer to an error: its RFC 9457 problem, with `Retry-After` when the error says when. */
export function problemAnswer(error: unknown, correlationId: string, path: string): HttpResponse {
  const problem = toProblem(error, correlationId, path);
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  const retryAfter = (error as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  return { status: problem.status, body: problem, headers };
}
