import type { z } from "zod";
import type { HttpRequest } from "../http/router.js";
import { UnsupportedMediaTypeError, ValidationError } from "../shared/errors.js";

/** Parses one part of a request (body, query, path) with zod; failures are 400 with field paths. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  throw new ValidationError(`The request ${part} is invalid.`, issues);
}

const jsonTypes = ["application/json"];
const mergePatchTypes = ["application/merge-patch+json", "application/json"];

function mediaTypeOf(request: HttpRequest): string {
  return (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * The JSON body of a write. The framework parses application/json itself; other JSON media
 * types (merge-patch) arrive as raw bytes and are parsed here. Anything else is 415.
 */
function jsonBody(request: HttpRequest, accepted: readonly string[]): unknown {
  const type = mediaTypeOf(request);
  if (!accepted.includes(type)) {
    throw new UnsupportedMediaTypeError(`Send the body as ${accepted.join(" or ")}.`);
  }
  if (!Buffer.isBuffer(request.body)) return request.body;
  try {
    return JSON.parse(request.body.toString("utf8"));
  } catch {
    throw new ValidationError("The body is not valid JSON.", [{ path: "body", message: "invalid JSON" }]);
  }
}

export function parseJsonBody<S extends z.ZodType>(schema: S, request: HttpRequest): z.infer<S> {
  return parseInput(schema, jsonBody(request, jsonTypes), "body");
}

export function parseMergePatchBody<S extends z.ZodType>(schema: S, request: HttpRequest): z.infer<S> {
  return parseInput(schema, jsonBody(request, mergePatchTypes), "body");
}
