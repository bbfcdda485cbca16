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

export interface AuditQuery {
  entity?: AuditEntity;
  key?: string;
  limit: number;
}

/** Port: append-only record of every write made through the API. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}
