import { z } from "zod";
import type { Authorizer } from "../auth/principal.js";
import type { FlagChangeRequest } from "../flags/flag-admin-service.js";
import type { FlagChange, StoredFlag } from "../flags/flag-model.js";
import { flagKeySchema } from "../flags/flag-model.js";
import type { HttpRequest, HttpResponse } from "../http/router.js";
import { actorOf, authorizeRequest, etagOf, expectedVersionOf, parseWith } from "./http-support.js";

/** Every change names why it is made; it goes into the audit entry. */
export const reasonSchema = z.string().trim().min(1).max(500);

export function flagKeyParam(request: HttpRequest): string {
  return parseWith(flagKeySchema, request.params.key, "flag key");
}

export function flagView(flag: StoredFlag) {
  return {
    key: flag.key,
    version: flag.version,
    archived: flag.archived,
    updatedBy: flag.updatedBy,
    updatedAt: flag.updatedAt.toISOString(),
    definition: flag.definition,
  };
}

export function changeView(change: FlagChange) {
  return { ...change, at: change.at.toISOString() };
}

/** A flag answer carries its version as ETag, for the next If-Match. */
export function flagResponse(flag: StoredFlag, status = 200): HttpResponse {
  return { status, body: flagView(flag), headers: { etag: etagOf(flag.version) } };
}

/**
 * Builds the change request of an admin write: admin role (token not revoked), the flag key,
 * If-Match version and the reason from the body. Exported for the shortcut routes.
 */
export async function adminChange(
  deps: { authorizer: Authorizer },
  request: HttpRequest,
  reason: string,
  allowCreate = false,
): Promise<FlagChangeRequest> {
  const principal = await authorizeRequest(deps.authorizer, request, "admin");
  const key = flagKeyParam(request);
  return {
    key,
    expectedVersion: expectedVersionOf(request.headers, allowCreate),
    actor: actorOf(principal),
    reason,
  };
}
