import { z } from "zod";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import { cohortIdSchema } from "./cohort-record.js";
import { cohortRequestSchema } from "./cohort-request.js";
import type { CohortService } from "./cohort-service.js";

const idParams = z.strictObject({ id: cohortIdSchema });

/**
 * POST /v1/cohorts:preview (draws, stores nothing), POST /v1/cohorts (admin: draws and stores),
 * GET /v1/cohorts, GET /v1/cohorts/{id} (with its report), GET /v1/cohorts/{id}/members (paged).
 * A preview is a read, so viewers may run it; it is rate limited like every route.
 */
export function registerCohortRoutes(router: Router, cohorts: CohortService): void {
  router.add({
    method: "POST",
    path: "/v1/cohorts:preview",
    access: "viewer",
    body: cohortRequestSchema,
    handle: async ({ body }) => ({ status: 200, body: await cohorts.preview(body) }),
  });
  router.add({
    method: "POST",
    path: "/v1/cohorts",
    access: "admin",
    body: cohortRequestSchema,
    handle: async ({ body, audit }) => {
      const created = await cohorts.create(body, audit);
      return { status: 201, body: created, headers: { location: `/v1/cohorts/${created.id}` } };
    },
  });
  router.add({
    method: "GET",
    path: "/v1/cohorts",
    access: "viewer",
    handle: async () => ({ status: 200, body: { items: await cohorts.list() } }),
  });
  router.add({
    method: "GET",
    path: "/v1/cohorts/{id}",
    access: "viewer",
    params: idParams,
    handle: async ({ params }) => ({ status: 200, body: await cohorts.get(params.id) }),
  });
  router.add({
    method: "GET",
    path: "/v1/cohorts/{id}/members",
    access: "viewer",
    params: idParams,
    page: { key: customerCodeSchema },
    handle: async ({ params, page }) => {
      const found = await cohorts.members(params.id, page.size, page.after);
      return { status: 200, body: { items: found.items, nextPageToken: page.next(found.lastCode) } };
    },
  });
}
