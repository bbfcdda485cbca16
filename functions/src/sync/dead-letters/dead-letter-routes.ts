import { z } from "zod";
import type { Router } from "../../http/router.js";
import {
  deadLetterIdPattern,
  deadLetterListQuerySchema,
  discardBodySchema,
  replayBodySchema,
} from "./dead-letter-record.js";
import type { DeadLetterService } from "./dead-letter-service.js";

const idParams = z.strictObject({ id: z.string().regex(deadLetterIdPattern, "letters, digits, - and _") });

/**
 * GET /v1/sync/dead-letters?status=&function=, GET /v1/sync/dead-letters/{id},
 * POST /v1/sync/dead-letters/{id}:replay, POST /v1/sync/dead-letters/{id}:discard {"reason"}.
 */
export function registerDeadLetterRoutes(router: Router, service: DeadLetterService): void {
  router.add({
    method: "GET",
    path: "/v1/sync/dead-letters",
    access: "viewer",
    query: deadLetterListQuerySchema,
    handle: async ({ query }) => ({ status: 200, body: { deadLetters: await service.list(query) } }),
  });
  router.add({
    method: "GET",
    path: "/v1/sync/dead-letters/{id}",
    access: "viewer",
    params: idParams,
    handle: async ({ params }) => ({ status: 200, body: await service.get(params.id) }),
  });
  router.add({
    method: "POST",
    path: "/v1/sync/dead-letters/{id}:replay",
    access: "operator",
    params: idParams,
    body: replayBodySchema,
    handle: async ({ params, body, audit }) => ({
      status: 200,
      body: await service.replay(params.id, body, audit),
    }),
  });
  router.add({
    method: "POST",
    path: "/v1/sync/dead-letters/{id}:discard",
    access: "operator",
    params: idParams,
    body: discardBodySchema,
    handle: async ({ params, body, audit }) => ({
      status: 200,
      body: await service.discard(params.id, body, audit),
    }),
  });
}
