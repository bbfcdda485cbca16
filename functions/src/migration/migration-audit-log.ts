import { z } from "zod";
import { migrationStageSchema } from "../domain/customer.js";
import { customerCodeSchema } from "../domain/primitives.js";

export const migrationAuditEntrySchema = z.strictObject({
  customerCode: customerCodeSchema,
  action: z.enum(["advance", "rollback"]),
  fromStage: migrationStageSchema,
  toStage: migrationStageSchema,
  /** Who: a person's id, or `flag:<key>@v<version>` when the rollout flag moved the customer. */
  actor: z.string().min(1),
  reason: z.string().min(1),
  at: z.date(),
});
export type MigrationAuditEntry = z.infer<typeof migrationAuditEntrySchema>;

/** Port: append-only record of every stage change. */
export interface MigrationAuditLog {
  append(entry: MigrationAuditEntry): Promise<void>;
  /** Entries of one customer, oldest first. */
  listFor(customerCode: string): Promise<MigrationAuditEntry[]>;
}
