import { z } from "zod";
import { reasonSchema } from "../audit/audit-log.js";
import { cohortIdSchema } from "../cohorts/cohort-record.js";
import type { CohortService } from "../cohorts/cohort-service.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import { createWavePlan, wavePlanSchema } from "./wave-plan.js";
import { waveIdSchema } from "./wave-record.js";
import type { WaveService } from "./wave-service.js";

const idParams = z.strictObject({ id: waveIdSchema });
const reasonBody = z.strictObject({ reason: reasonSchema });

/** Who may take each step: admins move customers; operators may only stop and restart a step. */
const actions: { action: "advance" | "pause" | "resume" | "rollback"; access: "admin" | "operator" }[] = [
  { action: "advance", access: "admin" },
  { action: "pause", access: "operator" },
  { action: "resume", access: "operator" },
  { action: "rollback", access: "admin" },
];

/** POST /v1/waves, POST /v1/waves:plan, GET /v1/waves, GET /v1/waves/{id}, GET /v1/waves/{id}/customers, POST /v1/waves/{id}:advance|:pause|:resume|:rollback. */
export function registerWaveRoutes(router: Router, waves: WaveService, cohorts: CohortService): void {
  const plan = { cohorts, waves };
  router.add({
    method: "POST",
    path: "/v1/waves",
    access: "admin",
    body: z.strictObject({ cohortId: cohortIdSchema, reason: reasonSchema }),
    handle: async ({ body, audit }) => {
      const created = await waves.create(body.cohortId, { ...audit, reason: body.reason });
      return { status: 201, body: created, headers: { location: `/v1/waves/${created.id}` } };
    },
  });
  router.add({
    method: "POST",
    path: "/v1/waves:plan",
    access: "admin",
    body: wavePlanSchema,
    handle: async ({ body, audit }) => ({
      status: 201,
      body: { waves: await createWavePlan(plan, body, audit) },
    }),
  });
  router.add({
    method: "GET",
    path: "/v1/waves",
    access: "viewer",
    handle: async () => ({ status: 200, body: { items: await waves.list() } }),
  });
  router.add({
    method: "GET",
    path: "/v1/waves/{id}",
    access: "viewer",
    params: idParams,
    handle: async ({ params }) => ({ status: 200, body: await waves.get(params.id) }),
  });
  router.add({
    method: "GET",
    path: "/v1/waves/{id}/customers",
    access: "viewer",
    params: idParams,
    page: { key: customerCodeSchema },
    handle: async ({ params, page }) => {
      const found = await waves.customers(params.id, page.size, page.after);
      return { status: 200, body: { items: found.items, nextPageToken: page.next(found.lastCode) } };
    },
  });
  for (const { action, access } of actions) {
    router.add({
      method: "POST",
      path: `/v1/waves/{id}:${action}`,
      access,
      params: idParams,
      body: reasonBody,
      handle: async ({ params, body, audit }) => ({
        status: 202,
        body: await waves[action](params.id, { ...audit, reason: body.reason }),
      }),
    });
  }
}
