import { z } from "zod";
import { decimalStringSchema, isoTimestampSchema, nonNegativeIntSchema } from "./primitives.js";

export const smsStatusSchema = z.enum(["pending", "sent", "delivered", "failed"]);

/**
 * Firestore rejects undefined, functions, symbols, NaN/Infinity and class instances other
 * than its own; checking here means a bad metadata value fails at the edge with a message
 * instead of deep inside a write.
 */
function isStorableValue(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isStorableValue);
  if (typeof value === "object" && isPlainObject(value)) {
    return Object.values(value).every(isStorableValue);
  }
  return false;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** zod's record parser silently drops an own "__proto__" key (JSON.parse can make one). */
const withoutProtoKey = z.custom<unknown>(
  (value) => typeof value !== "object" || value === null || !Object.hasOwn(value, "__proto__"),
  { message: "metadata may not have a __proto__ key" },
);

export const smsMetadataSchema = withoutProtoKey
  .pipe(z.record(z.string(), z.unknown()))
  .refine(isStorableValue, {
    message: "metadata holds only JSON-like values (no undefined, NaN, functions)",
  });

export const smsLogSchema = z.strictObject({
  id: z.string().min(1),
  /** National digits, e.g. 0912345678; logs print it through maskPhone. */
  recipient: z.string().regex(/^0\d{8,9}$/),
  template: z.string().min(1),
  message: z.string(),
  provider: z.string().min(1),
  status: smsStatusSchema,
  /** NT$, may have cents per segment. */
  cost: decimalStringSchema,
  segments: z.number().int().positive(),
  retryCount: nonNegativeIntSchema,
  /** Free-form provider data (message ids, delivery receipts, nested payloads). */
  metadata: smsMetadataSchema,
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema.nullable(),
});
export type SmsLog = z.infer<typeof smsLogSchema>;
