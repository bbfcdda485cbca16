import { z } from "zod";
import type { HealthService } from "../../health/health-service.js";
import { Router } from "../../http/router.js";
import { ValidationError } from "../../shared/errors.js";
import type { Logger } from "../../shared/logger.js";
import type { Doorbell } from "./doorbell.js";
import { relayPolling, runRelayLoop } from "./relay-loop.js";
import type { RelayService } from "./relay-service.js";

/** Cloud Scheduler's call carries no parameters; anything else is a mistake worth refusing. */
const drainQuerySchema = z.strictObject({});

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
  const router = new Router(options.logger, options.projectId);
  router.on("POST", "/", async (request) => {
    const query = drainQuerySchema.safeParse(request.query);
    if (!query.success)
      throw new ValidationError(
        "The drain takes no parameters",
        query.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
      );
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
  });
  router.on("GET", "/healthz", async () => {
    const report = await options.health.check();
    return { status: report.status === "ok" ? 200 : 503, body: report };
  });
  return router;
}
