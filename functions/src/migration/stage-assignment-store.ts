import { z } from "zod";
import type { AuditDraft } from "../audit/audit-draft.js";
import { migrationStageSchema } from "../domain/customer.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { MigrationAuditEntry } from "./migration-audit-log.js";

export const stageAssignmentSchema = z.strictObject({
  customerCode: customerCodeSchema,
  stage: migrationStageSchema,
  /** Set by an explicit rollback: the flag no longer moves this customer until an explicit advance. */
  held: z.boolean(),
  version: z.int().min(1),
  updatedBy: z.string().min(1),
  updatedAt: z.date(),
  reason: z.string().min(1),
});
/** The persisted, sticky stage of one customer. */
export type StageAssignment = z.infer<typeof stageAssignmentSchema>;

export type StageAssignmentChange = Omit<StageAssignment, "version" | "updatedAt">;

/** Port: per-customer stage assignments with optimistic concurrency. */
export interface StageAssignmentStore {
  get(customerCode: string): Promise<StageAssignment | undefined>;
  /**
   * Saves if the stored version is still `expectedVersion` (0: none yet); else
   * StageAssignmentConflictError. `audit` (the stage history) and `entry` (the common audit
   * trail, when given) commit with the change, or none of them does.
   */
  save(
    change: StageAssignmentChange,
    expectedVersion: number,
    audit: MigrationAuditEntry,
    entry?: AuditDraft,
  ): Promise<StageAssignment>;
}
