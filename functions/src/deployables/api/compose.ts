import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import { createLegacyPool } from "../../adapters/legacy-pool.js";
import { firestoreProbe, legacyDatabaseProbe } from "../../health/health-probes.js";
import { HealthService } from "../../health/health-service.js";
import { Router } from "../../http/router.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";

/** Composition root of the `api` function: the only place its dependencies are built. */
export function composeApi(config: FunctionEnv, legacyDatabaseUrl: string): Router {
  const logger = new JsonLogger(config.LOG_LEVEL);
  const db = firestoreFor(firebaseApp(config.GCLOUD_PROJECT));
  const legacyPool = createLegacyPool(legacyDatabaseUrl);
  const health = new HealthService("api", [firestoreProbe(db), legacyDatabaseProbe(legacyPool)]);

  const router = new Router(logger, config.GCLOUD_PROJECT, config.CORS_ORIGINS);
  router.on("GET", "/healthz", async () => {
    const report = await health.check();
    return { status: report.status === "ok" ? 200 : 503, body: report };
  });
  return router;
}
