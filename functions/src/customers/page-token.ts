import { z } from "zod";

/** Opaque cursor: base64url of the last key of the previous page. */
export function encodePageToken(lastKey: string | undefined): string | null {
  return lastKey === undefined ? null : Buffer.from(lastKey, "utf8").toString("base64url");
}

export function pageTokenSchema(keySchema: z.ZodString) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "not a page token from this API")
    .transform((token, context) => {
      const key = Buffer.from(token, "base64url").toString("utf8");
      if (keySchema.safeParse(key).success) return key;
      context.addIssue({ code: "custom", message: "not a page token from this API" });
      return z.NEVER;
    });
}

export const pageSizeSchema = z.coerce.number().int().min(1).max(200).default(50);
