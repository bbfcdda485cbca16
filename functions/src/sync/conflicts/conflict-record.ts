import { z } from "zod";
import { reasonSchema } from "../../audit/audit-log.js";
import { syncEntitySchema } from "../change-message.js";

const legacyValueSchema = z.union([z.string(), z.number(), z.null()]);

export const conflictStatusSchema = z.enum(["open", "resolved"]);

/** `syncConflicts/{id}`: one field changed on both sides since the last agreed value. */
export const conflictRecordSchema = z.strictObject({
  id: z.string().min(1),
  entity: syncEntitySchema,
  key: z.string().min(1),
  customerCode: z.string().min(1),
  fields: z.array(z.string().min(1)).min(1),
  base: z.record(z.string(), legacyValueSchema),
  legacy: z.record(z.string(), legacyValueSchema),
  new: z.record(z.string(), legacyValueSchema),
  status: conflictStatusSchema,
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.union([legacyValueSchema, z.undefined()]).optional(),
});
export type ConflictRecord = z.infer<typeof conflictRecordSchema>;

export const conflictsCollection = "syncConflicts";

/**
 * One open record per field of a record: a new clash on the same field updates it instead of piling up.
 * `-` separated: a path parameter cannot hold `:` (it starts the `:resolve` action).
 */
export function conflictId(entity: string, key: string, column: string): string {
  return `${entity}-${key}-${column}`;
}

/** Every resolution says why: it decides money or quantities on both sides. */
export const resolveBodySchema = z.discriminatedUnion("choose", [
  z.strictObject({ choose: z.literal("legacy"), reason: reasonSchema }),
  z.strictObject({ choose: z.literal("new"), reason: reasonSchema }),
  z.strictObject({ choose: z.literal("value"), value: legacyValueSchema, reason: reasonSchema }),
]);
export type ResolveBody = z.infer<typeof resolveBodySchema>;

export const listQuerySchema = z.strictObject({ status: conflictStatusSchema.optional() });
