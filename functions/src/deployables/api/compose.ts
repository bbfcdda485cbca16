import { PubSub } from "@google-cloud/pubsub";
import { OpenFeature } from "@openfeature/server-sdk";
import { getAuth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import { createLegacyPool } from "../../adapters/legacy-pool.js";
import { SecretManagerReader } from "../../adapters/secret-manager-reader.js";
import { CachedAccountStatus } from "../../auth/cached-account-status.js";
import { FirebaseTokenVerifier, firebaseAccountStatus } from "../../auth/firebase-token-verifier.js";
import { Authorizer } from "../../auth/principal.js";
import { BackfillLevelling } from "../../backfill/backfill-levelling.js";
import { BackfillService } from "../../backfill/backfill-service.js";
import { FirestoreBackfillRunStore } from "../../backfill/firestore-backfill-run-store.js";
import { reverseBackfill } from "../../backfill/reverse-backfill.js";
import { registerCohortApi } from "../../cohorts/register-cohort-api.js";
import { registerCoreApi } from "../../customers/compose-core-api.js";
import { registerFlagsApi } from "../../flags-api/compose-flags-api.js";
import { firestoreProbe, legacyDatabaseProbe } from "../../health/health-probes.js";
import { registerHealthRoutes } from "../../health/health-routes.js";
import { HealthService } from "../../health/health-service.js";
import { FirestoreIdempotencyStore } from "../../http/firestore-idempotency-store.js";
import { PageTokens } from "../../http/page-token.js";
import { MemoryRequestLimiter } from "../../http/request-limiter.js";
import { registerRouteTableRoute } from "../../http/route-table-route.js";
import { Router } from "../../http/router.js";
import { CustomerStageService } from "../../migration/customer-stage-service.js";
import { FirestoreStageAssignmentStore } from "../../migration/firestore-stage-assignment-store.js";
import { MigrationRouter } from "../../migration/migration-router.js";
import { OpenFeatureMigrationFlag } from "../../migration/openfeature-migration-flag.js";
import { FirestoreWriteHolds } from "../../migration/write-hold.js";
import { LegacyReferenceReader } from "../../reference/legacy-reference-reader.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import { CachedDriverNames } from "../../sms/cached-driver-names.js";
import { createSmsOrderNotifierFromConfig } from "../../sms/create-sms-order-notifier.js";
import { registerSyncStatusApi } from "../../sync/status/compose-sync-status.js";
import { composeSyncApi } from "../../sync/verify/register-sync-api.js";
import { registerUsersApi } from "../../users/register-users-api.js";
import { registerWaveApi } from "../../waves/register-wave-api.js";

/** What the api reads from Secret Manager (or the local environment) before it composes. */
export interface ApiSecrets {
  legacyDatabaseUrl: string;
  pageTokenKey: string;
}

/** One authorizer for every route: token check, role, and the per-minute cached account status. */
function createRouter(config: FunctionEnv, logger: JsonLogger, pageTokenKey: string, db: Firestore): Router {
  const auth = getAuth(firebaseApp(config.FIREBASE_AUTH_PROJECT ?? config.GCLOUD_PROJECT));
  return new Router({
    logger,
    projectId: config.GCLOUD_PROJECT,
    authorizer: new Authorizer(
      new FirebaseTokenVerifier(auth),
      new CachedAccountStatus(firebaseAccountStatus(auth)),
    ),
    pageTokens: new PageTokens(pageTokenKey),
    limiter: new MemoryRequestLimiter({
      perAddressPerMinute: config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
      perUserPerMinute: config.RATE_LIMIT_PER_USER_PER_MINUTE,
    }),
    idempotency: new FirestoreIdempotencyStore(db),
    corsOrigins: config.CORS_ORIGINS,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
  });
}

/** Composition root of the `api` function: the only place its dependencies are built. */
export function composeApi(config: FunctionEnv, secrets: ApiSecrets): Router {
  const logger = new JsonLogger(config.LOG_LEVEL);
  const app = firebaseApp(config.GCLOUD_PROJECT);
  const db = firestoreFor(app);
  const legacyPool = createLegacyPool(secrets.legacyDatabaseUrl);
  const router = createRouter(config, logger, secrets.pageTokenKey, db);
  registerHealthRoutes(
    router,
    new HealthService("api", [firestoreProbe(db), legacyDatabaseProbe(legacyPool)]),
  );
  // The sync's verifier and drain are the stage service's verified-before-live and drain-before-rollback.
  // Publishes only when an operator replays a dead letter.
  const syncApi = composeSyncApi({
    db,
    legacyPool,
    pubsub: new PubSub({ projectId: config.GCLOUD_PROJECT }),
  });
  syncApi.register(router);
  const backfill = new BackfillService({ db, pool: legacyPool, runs: new FirestoreBackfillRunStore(db) });
  const levelling = new BackfillLevelling(backfill, (code) => reverseBackfill(db, legacyPool, code));
  const holds = new FirestoreWriteHolds(db);
  // Migration routing: until the flag set loads, the flag answers `off` and stages only stick.
  registerFlagsApi(router, {
    app,
    logger,
    openFeatureDomain: "migration",
    countsFlushSeconds: config.FLAG_COUNTS_FLUSH_SECONDS,
    verification: syncApi.verifier,
    drain: syncApi.drain,
    levelling,
    holds,
  });
  const migrationRouter = new MigrationRouter(
    new CustomerStageService({
      flag: new OpenFeatureMigrationFlag(OpenFeature.getClient("migration")),
      assignments: new FirestoreStageAssignmentStore(app),
      verification: syncApi.verifier,
      drain: syncApi.drain,
    }),
  );
  registerCoreApi(router, {
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
  registerSyncStatusApi(router, { db, legacyPool });
  const cohorts = registerCohortApi(router, { db, legacyPool });
  const assignments = new FirestoreStageAssignmentStore(app);
  registerWaveApi(router, {
    db,
    legacyPool,
    logger,
    cohorts,
    // Without levelling: the wave runner copies a whole chunk through `backfill`, then turns each on.
    stages: new CustomerStageService({
      flag: new OpenFeatureMigrationFlag(OpenFeature.getClient("migration")),
      assignments,
      verification: syncApi.verifier,
      drain: syncApi.drain,
      holds,
    }),
    assignments,
    backfill,
    verifier: syncApi.verifier,
  });
  registerUsersApi(router, {
    auth: getAuth(firebaseApp(config.FIREBASE_AUTH_PROJECT ?? config.GCLOUD_PROJECT)),
    db,
  });
  registerRouteTableRoute(router);
  return router;
}
