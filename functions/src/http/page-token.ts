import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../shared/canonical-json.js";
import { ValidationError } from "../shared/errors.js";

/**
 * Page tokens are signed and bound to the query they page: `<last key>.<HMAC(key, route, filters)>`,
 * base64url. A token edited by hand, made for another route or replayed with other filters is a
 * 400, so a caller can neither skip into rows by forging a key nor mix one listing into another.
 */
export class PageTokens {
  constructor(private readonly key: string) {
    if (key.length < 32) throw new Error("the page-token key needs at least 32 characters");
  }

  encode(lastKey: string | undefined, scope: PageScope): string | null {
    if (lastKey === undefined) return null;
    const payload = Buffer.from(lastKey, "utf8").toString("base64url");
    return `${payload}.${this.sign(payload, scope)}`;
  }

  /** The last key of the previous page, or a ValidationError naming `query.pageToken`. */
  decode(token: string, scope: PageScope, keySchema: z.ZodType<string>): string {
    const [payload, signature, extra] = token.split(".");
    if (payload && signature && extra === undefined && this.verify(payload, signature, scope)) {
      const key = Buffer.from(payload, "base64url").toString("utf8");
      if (keySchema.safeParse(key).success) return key;
    }
    throw new ValidationError("The page token is not one this listing gave out.", [
      { path: "query.pageToken", message: "not a page token of this query; start again without it" },
    ]);
  }

  private sign(payload: string, scope: PageScope): string {
    return createHmac("sha256", this.key)
      .update(`${scope.route}\n${canonicalJson(scope.filters)}\n${payload}`)
      .digest("base64url");
  }

  private verify(payload: string, signature: string, scope: PageScope): boolean {
    const expected = Buffer.from(this.sign(payload, scope));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** What a token is bound to: the route template and the query's filters (everything but the paging). */
export interface PageScope {
  route: string;
  filters: Record<string, unknown>;
}

export const pageSizeSchema = z.coerce.number().int().min(1).max(200).default(50);
export const pageTokenFieldSchema = z.string().min(1).max(600);
