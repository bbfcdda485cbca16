import { type AuditContext, auditDraft } from "../audit/audit-draft.js";
import { NotFoundError } from "../shared/errors.js";
import { FlagVersionConflictError } from "./flag-errors.js";
import type { FlagChange, FlagDefinition, StoredFlag } from "./flag-model.js";
import type { FlagStore } from "./flag-store.js";

/** Who changes which version of a flag, and why. Every change carries all four. */
export interface FlagChangeRequest {
  key: string;
  /** The version the editor last read (ETag); 0 creates a new flag. */
  expectedVersion: number;
  actor: string;
  reason: string;
  /** The API request behind the change, for the common audit trail. */
  audit?: AuditContext;
}

/**
 * Administration of flags: every change, shortcuts included, is a versioned write of a whole
 * definition through the FlagStore, which validates it and records the audit entry atomically.
 */
export class FlagAdminService {
  constructor(private readonly store: FlagStore) {}

  async list(): Promise<StoredFlag[]> {
    const snapshot = await this.store.read();
    return [...snapshot.flags.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The stored version of a flag (undefined: there is none), for resolving `If-Match`. */
  async versionOf(key: string): Promise<number | undefined> {
    return (await this.store.read()).flags.get(key)?.version;
  }

  async get(key: string): Promise<StoredFlag> {
    const flag = (await this.store.read()).flags.get(key);
    if (!flag) throw new NotFoundError(`flag ${key} does not exist`);
    return flag;
  }

  /** Creates (expectedVersion 0) or replaces the whole definition; un-archives. */
  replace(request: FlagChangeRequest, definition: FlagDefinition): Promise<StoredFlag> {
    return this.write(request, definition, false, request.expectedVersion === 0 ? "create" : "replace");
  }

  archive(request: FlagChangeRequest): Promise<StoredFlag> {
    return this.edit(request, (definition) => definition, true, "archive");
  }

  /** Read–modify–write of an existing flag at the version the editor saw. */
  async edit(
    request: FlagChangeRequest,
    change: (definition: FlagDefinition) => FlagDefinition,
    archived?: boolean,
    action = "update",
  ): Promise<StoredFlag> {
    const current = await this.get(request.key);
    if (current.version !== request.expectedVersion) {
      throw new FlagVersionConflictError(request.key, request.expectedVersion, current.version);
    }
    return this.write(request, change(current.definition), archived ?? current.archived, action);
  }

  history(key: string): Promise<FlagChange[]> {
    return this.store.history(key);
  }

  /** Writes the definition (and archived state) that an earlier version had, as a new version. */
  async revert(request: FlagChangeRequest, toVersion: number): Promise<StoredFlag> {
    const target = (await this.store.history(request.key)).find((change) => change.version === toVersion);
    if (!target) throw new NotFoundError(`flag ${request.key} has no version ${toVersion}`);
    return this.write(request, target.after, target.archived, "revert");
  }

  private write(request: FlagChangeRequest, definition: FlagDefinition, archived: boolean, action: string) {
    const audit =
      request.audit &&
      auditDraft(
        { ...request.audit, reason: request.reason },
        { action, entity: "flag", key: request.key },
        new Date(),
      );
    return this.store.writeFlag(
      {
        key: request.key,
        definition,
        expectedVersion: request.expectedVersion,
        updatedBy: request.actor,
        reason: request.reason,
        archived,
      },
      audit,
    );
  }
}
