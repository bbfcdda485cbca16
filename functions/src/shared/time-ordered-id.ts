import { randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * `<prefix><creation time in base 36>-<6 random characters>`: ids that sort by age (a listing by
 * id is oldest first) and never collide in practice. Cohorts use `c`, waves `w`.
 */
export function timeOrderedId(prefix: string, now: Date): string {
  const random = randomBytes(6)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^0-9a-z]/g, "0");
  return `${prefix}${now.getTime().toString(36)}-${random.slice(0, 6)}`;
}

export function timeOrderedIdSchema(prefix: string, what: string) {
  return z.string().regex(new RegExp(`^${prefix}[0-9a-z]{8,9}-[0-9a-z]{6}$`), `not a ${what} id`);
}
