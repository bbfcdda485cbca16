import { z } from "zod";
import { roleSchema } from "../auth/principal.js";

export const auditEntitySchema = z.enum(["customer", "order"]);

export const auditEntrySchema = z.strictObject({
  who: z.strictObject({ uid: z.string().min(1), email: z.string().nullable(), role: roleSchema }),
  when: z.date(),
  action: z.enum(["create", "update", "transition"]),
  entity: auditEntitySchema,
  key: z.string().min(1),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  correlationId: z.string().min(1),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditQuery {
  entity?: z.infer<typeof auditEntitySchema>;
  key?: string;
  limit: number;
}

/** Port: append-only record of every write made through the API. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}
