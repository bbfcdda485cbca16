import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import type { Authorizer, Principal, Role } from "../auth/principal.js";
import type { HttpRequest } from "../http/router.js";
import { PreconditionRequiredError, ValidationError } from "../shared/errors.js";

/** Parses with zod; failures become a 400 naming each JSON path (`/weights/a`), nothing else happens. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: `/${issue.path.map(String).join("/")}`,
    message: issue.message,
  }));
  throw new ValidationError(`invalid ${what}`, issues);
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Strong ETag of a stored version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an edit is based on, from `If-Match: "7"` (weak `W/"7"` accepted too).
 * `If-None-Match: *` on a create means "only if it does not exist" (version 0).
 */
export function expectedVersionOf(headers: IncomingHttpHeaders, allowCreate: boolean): number {
  const ifMatch = headerValue(headers, "if-match");
  if (ifMatch === undefined) {
    if (allowCreate && headerValue(headers, "if-none-match")?.trim() === "*") return 0;
    throw new PreconditionRequiredError(
      allowCreate
        ? "Send If-Match with the ETag you read (or If-None-Match: * to create); edits without it could overwrite someone else's."
        : "Send If-Match with the ETag you read; edits without it could overwrite someone else's.",
    );
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch);
  if (!match?.[1]) {
    throw new ValidationError("malformed If-Match", [
      { path: "If-Match", message: 'expected an ETag like "7"' },
    ]);
  }
  return Number(match[1]);
}

export function actorOf(principal: Principal): string {
  return principal.email ?? principal.uid;
}

/** Authorizes a request: reads need `role`, writes additionally check the token was not revoked. */
export function authorizeRequest(
  authorizer: Authorizer,
  request: HttpRequest,
  role: Role,
): Promise<Principal> {
  return authorizer.authorize(headerValue(request.headers, "authorization"), {
    role,
    write: request.method !== "GET",
  });
}

const noQuerySchema = z.strictObject({});

/** Routes that take no query parameters refuse unknown ones instead of silently ignoring them. */
export function assertNoQuery(request: HttpRequest): void {
  parseWith(noQuerySchema, request.query ?? {}, "query (this route takes no parameters)");
}
