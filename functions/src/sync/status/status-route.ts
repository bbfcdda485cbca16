import { z } from "zod";
import type { Authorizer } from "../../auth/principal.js";
import type { Router } from "../../http/router.js";
import { ValidationError } from "../../shared/errors.js";
import type { SyncStatusService } from "./sync-status.js";

const statusQuerySchema = z.strictObject({});

/** `GET /v1/sync/status` for viewers and up: backlog, throughput, lag, dead letters, conflicts, breaker. */
export function registerSyncStatusRoute(
  router: Router,
  deps: { authorizer: Authorizer; status: SyncStatusService },
): void {
  router.on("GET", "/v1/sync/status", async (request) => {
    await deps.authorizer.authorize(request.headers.authorization, { role: "viewer", write: false });
    const query = statusQuerySchema.safeParse(request.query);
    if (!query.success)
      throw new ValidationError(
        "GET /v1/sync/status takes no query parameters",
        query.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
      );
    return { status: 200, body: await deps.status.status(), headers: { "cache-control": "no-store" } };
  });
}
