import { z } from "zod";
import type { HealthService } from "../../health/health-service.js";
import { Router } from "../../http/router.js";
import type { Logger } from "../../shared/logger.js";
import type { Doorbell } from "./doorbell.js";
import type { RelayRunLease } from "./relay-run-lease.js";
import type { RelayService } from "./relay-service.js";
import { runScheduledRelay } from "./scheduled-relay-run.js";

/** A new call waits for the running one's current batch, at most half its own window. */
const acquireWaitMs = (drainSeconds: number) => Math.min(30_000, (drainSeconds * 1000) / 2);

/** Cloud Scheduler's call carries no parameters and (at most) an empty body; anything else is refused. */
const drainBodySchema = z.unknown();

export interface RelayRouterOptions {
  logger: Logger;
  projectId: string;
  relay: RelayService;
  /** Rung by the source when it has new changes (the legacy relay's NOTIFY); polled otherwise. */
  doorbell: Doorbell;
  /** Makes overlapping scheduled calls take turns (one relays at a time, handing over between batches). */
  lease: RelayRunLease;
  health: HealthService;
  drainSeconds: number;
  batchSize: number;
  /** Runs before each scheduled drain (the legacy relay's retention purge); a failure is only logged. */
  housekeeping?: () => Promise<void>;
}

/**
 * HTTP surface of a relay function: `POST /` is the scheduled invocation (once a minute): it
 * relays for up to `drainSeconds`, longer than the minute, publishing as changes arrive, and hands
 * over to the next call when that one asks (`runScheduledRelay`); it reports what it moved.
 * `GET /healthz` probes its dependencies.
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
      const report = await runScheduledRelay(
        { relay: options.relay, doorbell: options.doorbell, lease: options.lease, logger: request.logger },
        {
          batchSize: options.batchSize,
          drainSeconds: options.drainSeconds,
          acquireWaitMs: acquireWaitMs(options.drainSeconds),
        },
      );
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
