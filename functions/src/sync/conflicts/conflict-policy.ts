import { z } from "zod";
import type { SyncEntity } from "../change-message.js";

export const resolutionPolicySchema = z.enum(["legacy-wins", "new-wins", "newest-wins", "manual"]);
export type ResolutionPolicy = z.infer<typeof resolutionPolicySchema>;

/** Field groups in legacy-row column space; a column not listed belongs to `other`. */
export const fieldGroups = {
  customer: { money: ["balance", "credit_limit"] },
  order: { money: ["amount"], quantities: ["qty_50", "qty_20", "qty_16", "qty_10", "qty_4", "flow_kg"] },
} as const;

export const conflictPolicySchema = z.strictObject({
  customer: z
    .strictObject({
      money: resolutionPolicySchema.default("manual"),
      other: resolutionPolicySchema.default("newest-wins"),
    })
    .prefault({}),
  order: z
    .strictObject({
      money: resolutionPolicySchema.default("manual"),
      quantities: resolutionPolicySchema.default("manual"),
      other: resolutionPolicySchema.default("newest-wins"),
    })
    .prefault({}),
});
export type ConflictPolicy = z.infer<typeof conflictPolicySchema>;

/** Parses the SYNC_CONFLICT_POLICY env value (JSON); absent → the defaults (manual for money and quantities). */
export function parseConflictPolicy(json: string | undefined): ConflictPolicy {
  return conflictPolicySchema.parse(json ? JSON.parse(json) : {});
}

export function groupOf(entity: SyncEntity, column: string): string {
  const groups: Record<string, readonly string[]> = fieldGroups[entity];
  for (const [group, columns] of Object.entries(groups)) if (columns.includes(column)) return group;
  return "other";
}

export function policyFor(policy: ConflictPolicy, entity: SyncEntity, column: string): ResolutionPolicy {
  const groups: Record<string, ResolutionPolicy> = policy[entity];
  return groups[groupOf(entity, column)] ?? "manual";
}
