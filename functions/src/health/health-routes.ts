import type { Router } from "../http/router.js";
import type { HealthService } from "./health-service.js";

/**
 * `GET /healthz` answers anyone with `ok` or `degraded` only: which dependency failed, its latency
 * and its error text tell an attacker what to aim at. Admins read the details at `GET /v1/health`,
 * and every degraded probe is logged with them.
 */
export function registerHealthRoutes(router: Router, health: HealthService): void {
  router.add({
    method: "GET",
    path: "/healthz",
    access: "public",
    handle: async ({ request }) => {
      const report = await health.check();
      if (report.status !== "ok") request.logger.log("WARNING", "health check degraded", { ...report });
      return {
        status: report.status === "ok" ? 200 : 503,
        body: { status: report.status },
        headers: { "cache-control": "no-store" },
      };
    },
  });
  router.add({
    method: "GET",
    path: "/v1/health",
    access: "admin",
    handle: async () => {
      const report = await health.check();
      return {
        status: report.status === "ok" ? 200 : 503,
        body: report,
        headers: { "cache-control": "no-store" },
      };
    },
  });
}
