import { z } from "zod";
import type { Router } from "../../http/router.js";
import { listQuerySchema, resolveBodySchema } from "./conflict-record.js";
import type { ConflictService } from "./conflict-service.js";

const idParams = z.strictObject({
  id: z.string().regex(/^(customer|order)-[A-Za-z0-9]{1,20}-[a-z0-9_]{1,40}$/, "entity-key-column"),
});

/** GET /v1/sync/conflicts?status=, GET /v1/sync/conflicts/{id}, POST /v1/sync/conflicts/{id}:resolve. */
export function registerConflictRoutes(router: Router, service: ConflictService): void {
  router.add({
    method: "GET",
    path: "/v1/sync/conflicts",
    access: "viewer",
    query: listQuerySchema,
    handle: async ({ query }) => ({ status: 200, body: { conflicts: await service.list(query.status) } }),
  });
  router.add({
    method: "GET",
    path: "/v1/sync/conflicts/{id}",
    access: "viewer",
    params: idParams,
    handle: async ({ params }) => ({ status: 200, body: await service.get(params.id) }),
  });
  router.add({
    method: "POST",
    path: "/v1/sync/conflicts/{id}:resolve",
    access: "operator",
    params: idParams,
    body: resolveBodySchema,
    handle: async ({ params, body, audit }) => ({
      status: 200,
      body: await service.resolve(params.id, body, audit),
    }),
  });
}
