import { z } from "zod";
import type { Authorizer } from "../../auth/principal.js";
import { parseInput } from "../../customers/request-input.js";
import type { HttpRequest, Router } from "../../http/router.js";
import { ValidationError } from "../../shared/errors.js";
import { deadLetterIdPattern, deadLetterListQuerySchema, discardBodySchema } from "./dead-letter-record.js";
import type { DeadLetterService } from "./dead-letter-service.js";

const replayBodySchema = z.strictObject({});

function deadLetterIdOf(request: HttpRequest): string {
  const id = decodeURIComponent(request.params.id ?? "");
  if (!deadLetterIdPattern.test(id))
    throw new ValidationError("Invalid dead letter id.", [
      { path: "id", message: "letters, digits, - and _" },
    ]);
  return id;
}

/**
 * GET /v1/sync/dead-letters?status=&function=, GET /v1/sync/dead-letters/{id},
 * POST /v1/sync/dead-letters/{id}:replay, POST /v1/sync/dead-letters/{id}:discard {"reason"}.
 */
export function registerDeadLetterRoutes(
  router: Router,
  authorizer: Authorizer,
  service: DeadLetterService,
): void {
  router.on("GET", "/v1/sync/dead-letters", async (request) => {
    await authorizer.authorize(request.headers.authorization, { role: "viewer", write: false });
    const query = parseInput(deadLetterListQuerySchema, request.query, "query");
    return { status: 200, body: { deadLetters: await service.list(query) } };
  });
  router.on("GET", "/v1/sync/dead-letters/{id}", async (request) => {
    await authorizer.authorize(request.headers.authorization, { role: "viewer", write: false });
    return { status: 200, body: await service.get(deadLetterIdOf(request)) };
  });
  router.on("POST", "/v1/sync/dead-letters/{id}:replay", async (request) => {
    const principal = await authorizer.authorize(request.headers.authorization, {
      role: "operator",
      write: true,
    });
    parseInput(replayBodySchema, request.body ?? {}, "body"); // nothing to say: an empty object
    return { status: 200, body: await service.replay(deadLetterIdOf(request), principal) };
  });
  router.on("POST", "/v1/sync/dead-letters/{id}:discard", async (request) => {
    const principal = await authorizer.authorize(request.headers.authorization, {
      role: "operator",
      write: true,
    });
    const body = parseInput(discardBodySchema, request.body, "body");
    return { status: 200, body: await service.discard(deadLetterIdOf(request), body, principal) };
  });
}
