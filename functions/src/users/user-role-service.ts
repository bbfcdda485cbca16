import { type AuditEntry, type AuditLog, reasonSchema } from "../audit/audit-log.js";
import type { Role } from "../auth/principal.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../shared/errors.js";
import type { DirectoryUser, UserDirectory } from "./user-directory.js";

export interface UserRoleServiceDeps {
  users: UserDirectory;
  audit: AuditLog;
  now?: () => Date;
}

/** Who changes a role: a signed-in admin (any Principal fits), or the command line (`role: null`). */
export interface RoleChanger {
  uid: string;
  email?: string | null;
  role: Role | null;
}

export interface RoleChangeRequest {
  uid: string;
  /** null removes the role: the account can sign in but call nothing. */
  role: Role | null;
  reason: string;
  by: RoleChanger;
  correlationId: string;
}

/** Auth's largest page: the last-admin check rarely needs a second one. */
const adminScanPageSize = 1000;

/**
 * Sets the `role` claim of an account: refuses changes that would leave nobody able to manage
 * roles, ends the account's sessions so the new role applies at once, and audits who did it and why.
 */
export class UserRoleService {
  private readonly now: () => Date;

  constructor(private readonly deps: UserRoleServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Auth has no transactions, so the claim and the audit entry cannot change together. The entry
   * is recorded right after the claim is set; if recording fails the old claim is put back (and
   * sessions revoked, in case a token was refreshed in between) and the error rethrown, so no
   * role change stays in effect unaudited. Sessions are revoked last: if that fails the change
   * stands, audited, and the caller's retry sets, audits and revokes again.
   */
  async setRole(request: RoleChangeRequest): Promise<DirectoryUser> {
    if (!reasonSchema.safeParse(request.reason).success) {
      throw new ValidationError("Say why the role changes.", [
        { path: "reason", message: "1–500 characters" },
      ]);
    }
    const current = await this.deps.users.get(request.uid);
    if (!current) throw new NotFoundError(`No user ${request.uid}.`);
    if (current.role === "admin" && request.role !== "admin") await this.refuseLosingAdmin(request);
    const updated = await this.deps.users.setRole(request.uid, request.role);
    try {
      await this.deps.audit.record(this.auditEntry(request, current.role));
    } catch (error) {
      await this.undoUnaudited(request, current.role, error);
      throw error;
    }
    await this.deps.users.revokeSessions(request.uid);
    return updated;
  }

  /**
   * An admin may not drop their own admin role, and nobody may demote the last active admin, so the
   * roles can always be managed through the API. Through the API the caller is itself another admin,
   * so the second rule only bites the command line and stale tokens. It costs one listing page per
   * 1,000 accounts, only when an admin is demoted; it is not atomic (two admins demoting each other
   * at the same moment can both pass), and the command line can always appoint a new admin.
   */
  private async refuseLosingAdmin(request: RoleChangeRequest): Promise<void> {
    if (request.by.uid === request.uid) {
      throw new ForbiddenError("You cannot remove your own admin role; ask another admin to do it.");
    }
    if (!(await this.anotherActiveAdmin(request.uid))) {
      throw new ForbiddenError(`${request.uid} is the last active admin; make someone else admin first.`);
    }
  }

  private async anotherActiveAdmin(uid: string): Promise<boolean> {
    let pageToken: string | undefined;
    do {
      const page = await this.deps.users.list(adminScanPageSize, pageToken);
      if (page.users.some((user) => user.uid !== uid && user.role === "admin" && !user.disabled)) return true;
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken !== undefined);
    return false;
  }

  private async undoUnaudited(request: RoleChangeRequest, before: Role | null, auditError: unknown) {
    try {
      await this.deps.users.setRole(request.uid, before);
      await this.deps.users.revokeSessions(request.uid);
    } catch (undoError) {
      throw new AggregateError(
        [auditError, undoError],
        `The role of ${request.uid} changed but was neither audited nor put back; set it again.`,
      );
    }
  }

  private auditEntry(request: RoleChangeRequest, before: Role | null): AuditEntry {
    const { uid, email, role } = request.by;
    return {
      who: { uid, email: email ?? null, role },
      when: this.now(),
      action: "set-role",
      entity: "user",
      key: request.uid,
      before: { role: before },
      after: { role: request.role },
      reason: request.reason.trim(),
      correlationId: request.correlationId,
    };
  }
}
