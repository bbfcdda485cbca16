import type { Principal } from "../auth/principal.js";
import type { AuditEntity, AuditEntry } from "./audit-log.js";

/**
 * An audit entry before the write: who, when, what and why are known, before/after are not yet.
 * A store completes it with the states it read and wrote, and commits it in the same transaction.
 */
export type AuditDraft = Omit<AuditEntry, "before" | "after">;

export interface AuditContext {
  principal: Principal;
  correlationId: string;
  /** Why, when the caller said (optional only for operators' plain data edits). */
  reason?: string;
}

export function auditDraft(
  context: AuditContext,
  change: { action: string; entity: AuditEntity; key: string },
  when: Date,
): AuditDraft {
  const { uid, email, role } = context.principal;
  return {
    who: { uid, email: email ?? null, role },
    when,
    ...change,
    reason: context.reason ?? null,
    correlationId: context.correlationId,
  };
}

/** The entry a store commits: the draft with the record as it was and as it is now. */
export function completeAudit(draft: AuditDraft, before: object | null, after: object | null): AuditEntry {
  return {
    ...draft,
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown> | null,
  };
}
