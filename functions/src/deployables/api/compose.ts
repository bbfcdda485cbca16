import { PubSub } from "@google-cloud/pubsub";
import { OpenFeature } from "@openfeature/server-sdk";
import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import { createLegacyPool } from "../../adapters/legacy-pool.js";
import { SecretManagerReader } from "../../adapters/secret-manager-reader.js";
import { registerCoreApi } from "../../customers/compose-core-api.js";
import { registerFlagsApi } from "../../flags-api/compose-flags-api.js";
import { firestoreProbe, legacyDatabaseProbe } from "../../health/health-probes.js";
import { HealthService } from "../../health/health-service.js";
import { Router } from "../../http/router.js";
import { CustomerStageService } from "../../migration/customer-stage-service.js";
import { FirestoreMigrationAuditLog } from "../../migration/firestore-migration-audit-log.js";
import { FirestoreStageAssignmentStore } from "../../migration/firestore-stage-assignment-store.js";
import { MigrationRouter } from "../../migration/migration-router.js";
import { OpenFeatureMigrationFlag } from "../../migration/openfeature-migration-flag.js";
import { LegacyReferenceReader } from "../../reference/legacy-reference-reader.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import { CachedDriverNames } from "../../sms/cached-driver-names.js";
import { createSmsOrderNotifierFromConfig } from "../../sms/create-sms-order-notifier.js";
import { registerSyncStatusApi } from "../../sync/status/compose-sync-status.js";
import { composeSyncApi } from "../../sync/verify/register-sync-api.js";

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
  // Migration routing: until the flag set loads, the flag answers `off` and stages only stick.
  const app = firebaseApp(config.GCLOUD_PROJECT);
  // The sync's verifier and drain are the stage service's verified-before-live and drain-before-rollback.
  // Publishes only when an operator replays a dead letter.
  const syncApi = composeSyncApi({
    db,
    legacyPool,
    pubsub: new PubSub({ projectId: config.GCLOUD_PROJECT }),
  });
  syncApi.register(router, firebaseApp(config.FIREBASE_AUTH_PROJECT ?? config.GCLOUD_PROJECT));
  registerFlagsApi(router, {
    app,
    authApp: firebaseApp(config.FIREBASE_AUTH_PROJECT ?? config.GCLOUD_PROJECT),
    logger,
    openFeatureDomain: "migration",
    countsFlushSeconds: config.FLAG_COUNTS_FLUSH_SECONDS,
    verification: syncApi.verifier,
    drain: syncApi.drain,
  });
  const migrationRouter = new MigrationRouter(
    new CustomerStageService({
      flag: new OpenFeatureMigrationFlag(OpenFeature.getClient("migration")),
      assignments: new FirestoreStageAssignmentStore(app),
      audit: new FirestoreMigrationAuditLog(app),
      verification: syncApi.verifier,
      drain: syncApi.drain,
    }),
  );
  registerCoreApi(router, {
    authApp: firebaseApp(config.FIREBASE_AUTH_PROJECT ?? config.GCLOUD_PROJECT),
    db,
    legacyPool,
    routing: migrationRouter,
    // Texts customers served by the new system; without SMS_PROVIDER_URL it sends nothing.
    notifier: createSmsOrderNotifierFromConfig(config, {
      db,
      secrets: new SecretManagerReader(),
      logger,
      drivers: new CachedDriverNames(new LegacyReferenceReader(legacyPool)),
    }),
    readComparisonSampleRatio: config.READ_COMPARISON_SAMPLE_RATIO,
  });
  registerSyncStatusApi(router, {
    authApp: firebaseApp(config.FIREBASE_AUTH_PROJECT ?? config.GCLOUD_PROJECT),
    db,
    legacyPool,
  });
  return router;
}
