import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import { UnsupportedMediaTypeError, ValidationError } from "../shared/errors.js";

/** The one format of a validation problem's paths: the request part, then the field path, dotted. */
export function issuePath(part: string, path: readonly PropertyKey[]): string {
  return [part, ...path.map(String)].join(".");
}

/** Parses one part of a request (body, query, path) with zod; failures are 400 with field paths. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issuePath(part, issue.path),
    message: issue.message,
  }));
  throw new ValidationError(`The request ${part} is invalid.`, issues);
}

function mediaTypeOf(headers: IncomingHttpHeaders): string {
  return (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * No body at all: nothing sent (Express leaves `{}` when no content type came) or zero bytes of
 * any type (Cloud Scheduler's empty POST). Then the schema alone decides, e.g. `.optional()`.
 */
function isAbsent(type: string, body: unknown): boolean {
  if (Buffer.isBuffer(body)) return body.length === 0;
  if (type !== "") return false;
  if (body === undefined || body === null) return true;
  return typeof body === "object" && !Array.isArray(body) && Object.keys(body).length === 0;
}

/**
 * The JSON body of a write. The framework parses application/json itself; other JSON media
 * types (merge-patch) arrive as raw bytes and are parsed here. Any other type is 415.
 */
export function jsonBody(headers: IncomingHttpHeaders, body: unknown, accepted: readonly string[]): unknown {
  const type = mediaTypeOf(headers);
  if (isAbsent(type, body)) return undefined;
  if (!accepted.includes(type)) {
    throw new UnsupportedMediaTypeError(`Send the body as ${accepted.join(" or ")}.`);
  }
  if (!Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new ValidationError("The body is not valid JSON.", [{ path: "body", message: "invalid JSON" }]);
  }
}

export const jsonMediaTypes = ["application/json"] as const;
export const mergePatchMediaTypes = ["application/merge-patch+json", "application/json"] as const;
