import { PubSub } from "@google-cloud/pubsub";
import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import { createLegacyPool } from "../../adapters/legacy-pool.js";
import { LegacyAuditOutbox } from "../../audit/legacy-audit-outbox.js";
import { legacyDatabaseProbe } from "../../health/health-probes.js";
import { HealthService } from "../../health/health-service.js";
import type { Router } from "../../http/router.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import { assertSyncSchema } from "../../sync/capture/sync-schema.js";
import { Doorbell } from "../../sync/relay/doorbell.js";
import { FirestoreRelayRunLease } from "../../sync/relay/firestore-relay-run-lease.js";
import { LegacyChangeSource } from "../../sync/relay/legacy-change-source.js";
import { defaultRetention, LegacyRetention } from "../../sync/relay/legacy-retention.js";
import { PubSubChangePublisher } from "../../sync/relay/pubsub-change-publisher.js";
import { relayRouter } from "../../sync/relay/relay-http.js";
import { startContinuousRelay } from "../../sync/relay/relay-loop.js";
import { RelayService } from "../../sync/relay/relay-service.js";
import { ringOnLegacyNotify } from "../../sync/relay/relay-wakeups.js";
import { syncTopics } from "../../sync/sync-topics.js";

/**
 * Composition root of `syncLegacyRelay`: legacy `sync.changes` → topic `legacy-changes`.
 * The capture schema is checked at cold start (a relay never runs against a database without its
 * triggers) but never installed: that takes locks on the vendor tables and is `npm run sync:migrate`. In "continuous" mode (local stack) it also drains on every NOTIFY.
 */
export async function composeLegacyRelay(config: FunctionEnv, legacyDatabaseUrl: string): Promise<Router> {
  const logger = new JsonLogger(config.LOG_LEVEL);
  const pool = createLegacyPool(legacyDatabaseUrl);
  // Checked, never installed here: installing locks the vendor tables (npm run sync:migrate does it).
  await assertSyncSchema(pool);
  const pubsub = new PubSub({ projectId: config.GCLOUD_PROJECT });
  const relay = new RelayService(
    new LegacyChangeSource(pool),
    new PubSubChangePublisher(pubsub, syncTopics.legacy),
    logger,
  );
  // NOTIFY from the capture trigger wakes both the scheduled call and the continuous loop.
  const doorbell = new Doorbell();
  await ringOnLegacyNotify(legacyDatabaseUrl, doorbell);
  // Published changes and journal rows older than Pub/Sub's week of redelivery are purged hourly.
  const retention = new LegacyRetention(pool);
  // Audit entries of API writes to legacy that the API committed but did not get to move to Firestore.
  const db = firestoreFor(firebaseApp(config.GCLOUD_PROJECT));
  const auditOutbox = new LegacyAuditOutbox(pool, db);
  const housekeeping = async () => {
    const purged = await retention.purgeIfDue();
    if (purged) logger.log("INFO", "sync retention purge", { ...purged });
    const moved = await auditOutbox.sweep();
    if (moved > 0) logger.log("WARNING", "audit entries moved by the sweep", { moved });
  };
  if (config.RELAY_MODE === "continuous") {
    startContinuousRelay(relay, doorbell, logger, config.RELAY_BATCH_SIZE);
    const purgeLoop = setInterval(() => {
      housekeeping().catch((error: unknown) =>
        logger.log("ERROR", "relay housekeeping failed", { error: String(error) }),
      );
    }, defaultRetention.everyMs);
    purgeLoop.unref(); // never what keeps a stopping instance alive
  }
  return relayRouter({
    logger,
    projectId: config.GCLOUD_PROJECT,
    relay,
    doorbell,
    lease: new FirestoreRelayRunLease(db, "legacy"),
    health: new HealthService("syncLegacyRelay", [legacyDatabaseProbe(pool)]),
    drainSeconds: config.RELAY_DRAIN_SECONDS,
    batchSize: config.RELAY_BATCH_SIZE,
    housekeeping,
  });
}
