import { createHash } from "node:crypto";
import { z } from "zod";
import { legacyClientRowSchema, legacyDeliveryRowSchema } from "../../legacy/legacy-rows.js";
import { type ChangeMessage, changeMessageSchema } from "../change-message.js";

/** A row of `sync.changes` as the relay reads it. */
export const capturedChangeSchema = z.strictObject({
  id: z.number().int().positive(),
  tableName: z.enum(["clients", "deliveries"]),
  op: z.enum(["I", "U", "D"]),
  pk: z.string(),
  customerCode: z.string(),
  row: z.record(z.string(), z.unknown()),
  committedAt: z.date(),
});
export type CapturedChange = z.infer<typeof capturedChangeSchema>;

/** numeric(p,s) columns: jsonb turns them into JSON numbers, `pg` returns them as text with s decimals. */
const numericScale: Record<string, number> = { avg_daily_kg: 2, monthly_kg: 1, flow_kg: 1 };

/** char(n) columns: `pg` returns them blank-padded to n. */
const charWidth: Record<CapturedChange["tableName"], Record<string, number>> = {
  clients: { subscription: 1, same_day: 1, terminated: 1, upd_date: 7, upd_time: 6 },
  deliveries: { order_date: 7, delivery_date: 7, status: 2, urgent: 1, upd_date: 7, upd_time: 6 },
};

/**
 * Turns the trigger's jsonb image back into the row exactly as `SELECT *` through `pg` returns it,
 * so consumers validate one shape whichever way a legacy row reached them.
 */
export function toPgRowShape(
  tableName: CapturedChange["tableName"],
  row: Record<string, unknown>,
): Record<string, unknown> {
  const widths = charWidth[tableName];
  const shaped: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    const scale = numericScale[column];
    const width = widths[column];
    if (typeof value === "number" && scale !== undefined) shaped[column] = value.toFixed(scale);
    else if (typeof value === "string" && width !== undefined) shaped[column] = value.padEnd(width, " ");
    else shaped[column] = value;
  }
  const schema = tableName === "clients" ? legacyClientRowSchema : legacyDeliveryRowSchema;
  return schema.parse(shaped);
}

/**
 * A stable UUID (version 5 layout) per captured change: a change republished after a failed
 * drain carries the same changeId, so consumers can recognise the duplicate.
 */
export function legacyChangeId(changeId: number): string {
  const hash = createHash("sha1").update(`luckygas:sync.changes:${changeId}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Builds the message for one captured change; throws (zod) when the row cannot be a valid message. */
export function capturedChangeToMessage(change: CapturedChange): ChangeMessage {
  return changeMessageSchema.parse({
    changeId: legacyChangeId(change.id),
    source: "legacy",
    entity: change.tableName === "clients" ? "customer" : "order",
    key: change.pk,
    customerCode: change.customerCode,
    op: change.op === "D" ? "delete" : "upsert",
    sourceVersion: change.id,
    committedAt: change.committedAt.toISOString(),
    data: toPgRowShape(change.tableName, change.row),
    ...(change.op === "I" ? { created: true } : {}),
  });
}
