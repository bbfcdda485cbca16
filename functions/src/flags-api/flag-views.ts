import { z } from "zod";
import type { AuditContext } from "../audit/audit-draft.js";
import type { Principal } from "../auth/principal.js";
import type { FlagAdminService, FlagChangeRequest } from "../flags/flag-admin-service.js";
import type { FlagChange, StoredFlag } from "../flags/flag-model.js";
import { flagKeySchema } from "../flags/flag-model.js";
import type { HttpResponse } from "../http/route.js";
import { actorOf } from "../shared/actor.js";
import { PreconditionFailedError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";

/** Every change names why it is made; it goes into the audit entry. */
export const reasonSchema = z.string().trim().min(1).max(500);

export const flagKeyParams = z.strictObject({ key: flagKeySchema });

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

/** Strong ETag of a stored flag version: `"7"`. */
export function flagEtag(version: number): string {
  return `"${version}"`;
}

/** A flag answer carries its version as ETag, for the next If-Match. */
export function flagResponse(flag: StoredFlag, status = 200): HttpResponse {
  return { status, body: flagView(flag), headers: { etag: flagEtag(flag.version) } };
}

/**
 * The version a flag write is based on: 0 for `If-None-Match: *` (create), the current version
 * for `If-Match: *` (it must exist) or when it is one of the listed tags; anything else is a 412.
 * The store checks the version again inside its transaction, so a concurrent write still loses.
 */
async function expectedVersion(admin: FlagAdminService, key: string, precondition: Precondition) {
  const current = await admin.versionOf(key);
  if (precondition.kind === "absent") {
    if (current === undefined) return 0;
  } else if (current !== undefined) {
    if (precondition.kind === "any" || precondition.tags.includes(flagEtag(current))) return current;
  }
  throw new PreconditionFailedError(
    current === undefined
      ? `flag ${key} does not exist; create it with If-None-Match: *`
      : `flag ${key} is at version ${current}; read it again and retry`,
  );
}

/** The change request of an admin write: who, which flag at which version, and why. */
export async function adminChange(
  admin: FlagAdminService,
  input: { params: { key: string }; precondition: Precondition; principal: Principal; audit: AuditContext },
  reason: string,
): Promise<FlagChangeRequest> {
  const key = input.params.key;
  return {
    key,
    expectedVersion: await expectedVersion(admin, key, input.precondition),
    actor: actorOf(input.principal),
    reason,
    audit: input.audit,
  };
}
