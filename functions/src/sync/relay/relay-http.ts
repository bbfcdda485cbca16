import { z } from "zod";
import type { HealthService } from "../../health/health-service.js";
import { Router } from "../../http/router.js";
import type { Logger } from "../../shared/logger.js";
import type { Doorbell } from "./doorbell.js";
import { relayPolling, runRelayLoop } from "./relay-loop.js";
import type { RelayService } from "./relay-service.js";

/** Cloud Scheduler's call carries no parameters and (at most) an empty body; anything else is refused. */
const drainBodySchema = z.unknown();

export interface RelayRouterOptions {
  logger: Logger;
  projectId: string;
  relay: RelayService;
  /** Rung by the source when it has new changes (the legacy relay's NOTIFY); polled otherwise. */
  doorbell: Doorbell;
  health: HealthService;
  drainSeconds: number;
  batchSize: number;
  /** Runs before each scheduled drain (the legacy relay's retention purge); a failure is only logged. */
  housekeeping?: () => Promise<void>;
}

/**
 * HTTP surface of a relay function: `POST /` relays for `drainSeconds` (the scheduled
 * invocation, once a minute: publishing as changes arrive, not only what was there at the start)
 * and reports what it moved; `GET /healthz` probes its dependencies.
 */
export function relayRouter(options: RelayRouterOptions): Router {
  // Public: Cloud Run lets only the scheduler's OIDC identity invoke the function (Terraform's IAM).
  const router = new Router({ logger: options.logger, projectId: options.projectId });
  router.add({
    method: "POST",
    path: "/",
    access: "public",
    body: drainBodySchema,
    handle: async ({ request }) => {
      await options
        .housekeeping?.()
        .catch((error: unknown) =>
          request.logger.log("ERROR", "relay housekeeping failed", { error: String(error) }),
        );
      const report = await runRelayLoop(options.relay, options.doorbell, request.logger, {
        batchSize: options.batchSize,
        ...relayPolling,
        retryDelayMs: 1_000,
        until: Date.now() + options.drainSeconds * 1000,
      });
      request.logger.log("INFO", "relay drained", { ...report });
      return { status: 200, body: report };
    },
  });
  router.add({
    method: "GET",
    path: "/healthz",
    access: "public",
    handle: async () => {
      const report = await options.health.check();
      return { status: report.status === "ok" ? 200 : 503, body: report };
    },
  });
  return router;
}
