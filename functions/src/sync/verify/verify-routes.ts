import { z } from "zod";
import { customerCodeSchema } from "../../domain/primitives.js";
import type { Router } from "../../http/router.js";
import type { SyncVerifier } from "./sync-verifier.js";

const verifyBodySchema = z.union([
  z.strictObject({ customers: z.array(customerCodeSchema).min(1).max(5_000) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** POST /v1/sync/verify `{customers: [...]}` or `{all: true}` (admin): compares and records, returns a summary. */
export function registerVerifyRoutes(router: Router, verifier: SyncVerifier): void {
  router.add({
    method: "POST",
    path: "/v1/sync/verify",
    access: "admin",
    body: verifyBodySchema,
    handle: async ({ body }) => {
      const results = "all" in body ? await verifier.verifyAll() : await verifier.verifyMany(body.customers);
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
    },
  });
}
