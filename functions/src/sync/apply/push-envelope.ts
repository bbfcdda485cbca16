import { z } from "zod";
import { type ChangeMessage, changeMessageSchema } from "../change-message.js";

/** What functions-framework hands a CloudEvent handler for a Pub/Sub push: the push body. */
const pushDataSchema = z.object({
  message: z.object({
    data: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
    messageId: z.string().optional(),
    message_id: z.string().optional(),
  }),
  subscription: z.string().optional(),
});

export type DecodedPush =
  | { ok: true; message: ChangeMessage; messageId: string | undefined }
  | { ok: false; reason: string; raw: unknown; messageId: string | undefined };

/** Decodes base64 → JSON → ChangeMessage; every failure is a reason, never a throw. */
export function decodePush(eventData: unknown): DecodedPush {
  const push = pushDataSchema.safeParse(eventData);
  if (!push.success)
    return { ok: false, reason: "push-envelope-invalid", raw: eventData, messageId: undefined };
  const { data, attributes, messageId, message_id } = push.data.message;
  const id = messageId ?? message_id;
  const raw = { data: data ?? null, attributes: attributes ?? {} };
  if (!data) return { ok: false, reason: "message-data-empty", raw, messageId: id };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    return { ok: false, reason: "message-data-not-json", raw, messageId: id };
  }
  const parsed = changeMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return { ok: false, reason: `message-schema-invalid: ${issues}`, raw, messageId: id };
  }
  if (attributes?.customerCode && attributes.customerCode !== parsed.data.customerCode) {
    return { ok: false, reason: "attribute-customer-code-mismatch", raw, messageId: id };
  }
  return { ok: true, message: parsed.data, messageId: id };
}
