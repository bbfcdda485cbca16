import type { z } from "zod";
import type { Authorizer } from "../../auth/principal.js";
import type { HttpRequest, Router } from "../../http/router.js";
import { ValidationError } from "../../shared/errors.js";
import { listQuerySchema, resolveBodySchema } from "./conflict-record.js";
import type { ConflictService } from "./conflict-service.js";

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    `Invalid ${what}.`,
    result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  );
}

const idPattern = /^(customer|order)-[A-Za-z0-9]{1,20}-[a-z0-9_]{1,40}$/;
function conflictIdOf(request: HttpRequest): string {
  const id = decodeURIComponent(request.params.id ?? "");
  if (!idPattern.test(id))
    throw new ValidationError("Invalid conflict id.", [{ path: "id", message: "entity-key-column" }]);
  return id;
}

/** GET /v1/sync/conflicts?status=, GET /v1/sync/conflicts/{id}, POST /v1/sync/conflicts/{id}:resolve. */
export function registerConflictRoutes(
  router: Router,
  authorizer: Authorizer,
  service: ConflictService,
): void {
  router.on("GET", "/v1/sync/conflicts", async (request) => {
    await authorizer.authorize(request.headers.authorization, { role: "viewer", write: false });
    const query = parse(listQuerySchema, request.query, "query");
    return { status: 200, body: { conflicts: await service.list(query.status) } };
  });
  router.on("GET", "/v1/sync/conflicts/{id}", async (request) => {
    await authorizer.authorize(request.headers.authorization, { role: "viewer", write: false });
    return { status: 200, body: await service.get(conflictIdOf(request)) };
  });
  router.on("POST", "/v1/sync/conflicts/{id}:resolve", async (request) => {
    const principal = await authorizer.authorize(request.headers.authorization, {
      role: "operator",
      write: true,
    });
    const body = parse(resolveBodySchema, request.body, "body");
    return { status: 200, body: await service.resolve(conflictIdOf(request), body, principal) };
  });
}
