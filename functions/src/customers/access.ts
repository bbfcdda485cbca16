import type { Authorizer, Principal, Role } from "../auth/principal.js";
import type { HttpRequest } from "../http/router.js";

/** Checks the caller's token and role before anything else of the request is looked at. */
export function requireRole(
  authorizer: Authorizer,
  request: HttpRequest,
  role: Role,
  write: boolean,
): Promise<Principal> {
  return authorizer.authorize(request.headers.authorization, { role, write });
}
