import { type DocumentSnapshot, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { reasonSchema } from "../../audit/audit-log.js";

export const deadLetterStatusSchema = z.enum(["open", "replayed", "discarded"]);
export type DeadLetterStatus = z.infer<typeof deadLetterStatusSchema>;

/** The apply functions that keep dead letters (apply/dead-letters.ts), one per direction. */
export const deadLetterFunctionSchema = z.enum(["syncApplyToNew", "syncApplyToLegacy"]);

/** A dead letter as the API shows it: `raw` is the message as received (JSON text). */
export const deadLetterRecordSchema = z.strictObject({
  id: z.string().min(1),
  function: z.string().min(1),
  reason: z.string(),
  raw: z.string(),
  messageId: z.string().nullable(),
  customerCode: z.string().nullable(),
  changeId: z.string().nullable(),
  status: deadLetterStatusSchema,
  receivedAt: z.iso.datetime().nullable(),
  replayedAt: z.iso.datetime().optional(),
  replayedBy: z.string().optional(),
  discardedAt: z.iso.datetime().optional(),
  discardedBy: z.string().optional(),
  discardReason: z.string().optional(),
});
export type DeadLetterRecord = z.infer<typeof deadLetterRecordSchema>;

export const deadLetterListQuerySchema = z.strictObject({
  status: deadLetterStatusSchema.optional(),
  function: deadLetterFunctionSchema.optional(),
});
export type DeadLetterListQuery = z.infer<typeof deadLetterListQuerySchema>;

/** Discarding needs a reason: it is the audit's only account of why a change was dropped. */
export const discardBodySchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type DiscardBody = z.infer<typeof discardBodySchema>;
/** A replay sends a change to the other system again: it says why, like every state change. */
export const replayBodySchema = z.strictObject({ reason: reasonSchema });
export type ReplayBody = z.infer<typeof replayBodySchema>;

/** Document ids the sink writes: `{function}-{messageId}` or a Firestore auto id. */
export const deadLetterIdPattern = /^[A-Za-z0-9_-]{1,200}$/;

const iso = (value: unknown) => (value instanceof Timestamp ? value.toDate().toISOString() : undefined);

/** A stored dead letter as the API shows it (timestamps as ISO text); records from before statuses existed are open. */
export function deadLetterFromSnapshot(doc: DocumentSnapshot): DeadLetterRecord {
  const data = doc.data() ?? {};
  const optional = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : undefined);
  return deadLetterRecordSchema.parse({
    id: doc.id,
    function: data.function,
    reason: data.reason,
    raw: data.raw,
    messageId: data.messageId ?? null,
    customerCode: data.customerCode ?? null,
    changeId: data.changeId ?? null,
    status: data.status ?? "open",
    receivedAt: iso(data.receivedAt) ?? null,
    replayedAt: iso(data.replayedAt),
    replayedBy: optional("replayedBy"),
    discardedAt: iso(data.discardedAt),
    discardedBy: optional("discardedBy"),
    discardReason: optional("discardReason"),
  });
}
