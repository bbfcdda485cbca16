import { z } from "zod";
import { roleSchema } from "../auth/principal.js";

/** Everything the API changes is one of these; GET /v1/audit filters by it. */
export const auditEntitySchema = z.enum([
  "customer",
  "order",
  "stage",
  "flag",
  "evaluator",
  "cohort",
  "wave",
  "conflict",
  "dead-letter",
  "user",
]);
export type AuditEntity = z.infer<typeof auditEntitySchema>;

/** Why a change was made: required on every state-changing request but operators' plain data edits. */
export const reasonSchema = z.string().trim().min(1).max(500);

export const auditEntrySchema = z.strictObject({
  /** A person (role from their token), or the system (`role: null`, uid like `flag:migration@v3`). */
  who: z.strictObject({ uid: z.string().min(1), email: z.string().nullable(), role: roleSchema.nullable() }),
  when: z.date(),
  /** What was done, in the entity's own words: create, update, transition, advance, resolve, set-role… */
  action: z.string().regex(/^[a-z][a-z-]{1,39}$/),
  entity: auditEntitySchema,
  key: z.string().min(1).max(200),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().min(1).max(500).nullable(),
  correlationId: z.string().min(1),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Where a page ended: the last entry's time and id (ties on time are broken by id). */
export interface AuditCursor {
  when: Date;
  id: string;
}

export interface AuditQuery {
  entity?: AuditEntity;
  key?: string;
  /** The uid of who made the change. */
  actor?: string;
  /** From (inclusive) and to (exclusive). */
  from?: Date;
  to?: Date;
  pageSize: number;
  after?: AuditCursor;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Set when more may follow. */
  last?: AuditCursor;
}

/**
 * Port: the append-only record of every write. Writes normally add their entry inside their own
 * transaction (see audit-draft.ts); `record` is for changes to systems without transactions (Auth).
 */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditPage>;
}
