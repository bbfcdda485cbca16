import { z } from "zod";
import type { Authorizer } from "../../auth/principal.js";
import type { Router } from "../../http/router.js";
import { ValidationError } from "../../shared/errors.js";
import type { SyncVerifier } from "./sync-verifier.js";

const verifyBodySchema = z.union([
  z.strictObject({
    customers: z
      .array(z.string().regex(/^\d{7}$/))
      .min(1)
      .max(5_000),
  }),
  z.strictObject({ all: z.literal(true) }),
]);

/** POST /v1/sync/verify `{customers: [...]}` or `{all: true}` (admin): compares and records, returns a summary. */
export function registerVerifyRoutes(router: Router, authorizer: Authorizer, verifier: SyncVerifier): void {
  router.on("POST", "/v1/sync/verify", async (request) => {
    await authorizer.authorize(request.headers.authorization, { role: "admin", write: true });
    const parsed = verifyBodySchema.safeParse(request.body);
    if (!parsed.success)
      throw new ValidationError(
        "Send {customers: [7-digit codes]} or {all: true}.",
        parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
      );
    const results =
      "all" in parsed.data ? await verifier.verifyAll() : await verifier.verifyMany(parsed.data.customers);
    const unequal = results.filter((result) => !result.equal);
    return {
      status: 200,
      body: {
        verified: results.length,
        equal: results.length - unequal.length,
        unequal: unequal.map((result) => ({
          customerCode: result.customerCode,
          mismatches: result.mismatches,
        })),
      },
    };
  });
}
