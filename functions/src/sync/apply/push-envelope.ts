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

interface PushDelivery {
  messageId: string | undefined;
  attributes: Record<string, string>;
}

export type DecodedPush =
  | ({ ok: true; message: ChangeMessage } & PushDelivery)
  | ({ ok: false; reason: string; raw: unknown } & PushDelivery);

/** Decodes base64 → JSON → ChangeMessage; every failure is a reason, never a throw. */
export function decodePush(eventData: unknown): DecodedPush {
  const push = pushDataSchema.safeParse(eventData);
  if (!push.success)
    return {
      ok: false,
      reason: "push-envelope-invalid",
      raw: eventData,
      messageId: undefined,
      attributes: {},
    };
  const { data, attributes, messageId, message_id } = push.data.message;
  const delivery: PushDelivery = { messageId: messageId ?? message_id, attributes: attributes ?? {} };
  const raw = { data: data ?? null, attributes: delivery.attributes };
  if (!data) return { ok: false, reason: "message-data-empty", raw, ...delivery };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    return { ok: false, reason: "message-data-not-json", raw, ...delivery };
  }
  const parsed = changeMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return { ok: false, reason: `message-schema-invalid: ${issues}`, raw, ...delivery };
  }
  if (attributes?.customerCode && attributes.customerCode !== parsed.data.customerCode) {
    return { ok: false, reason: "attribute-customer-code-mismatch", raw, ...delivery };
  }
  return { ok: true, message: parsed.data, ...delivery };
}

/** Where a message forwarded to a dead-letter topic failed, from the attributes Pub/Sub adds. */
export interface DeadLetterSource {
  subscription: string;
  deliveryCount: number | null;
}

export function deadLetterSourceOf(attributes: Record<string, string>): DeadLetterSource | undefined {
  const subscription = attributes.CloudPubSubDeadLetterSourceSubscription;
  if (!subscription) return undefined;
  const count = Number(attributes.CloudPubSubDeadLetterSourceDeliveryCount);
  return { subscription, deliveryCount: Number.isInteger(count) ? count : null };
}
