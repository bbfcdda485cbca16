import { PubSub } from "@google-cloud/pubsub";
import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import { firestoreProbe } from "../../health/health-probes.js";
import { HealthService } from "../../health/health-service.js";
import type { Router } from "../../http/router.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import { Doorbell } from "../../sync/relay/doorbell.js";
import { FirestoreRelayRunLease } from "../../sync/relay/firestore-relay-run-lease.js";
import { OutboxChangeSource } from "../../sync/relay/outbox-change-source.js";
import { PubSubChangePublisher } from "../../sync/relay/pubsub-change-publisher.js";
import { relayRouter } from "../../sync/relay/relay-http.js";
import { startContinuousRelay } from "../../sync/relay/relay-loop.js";
import { RelayService } from "../../sync/relay/relay-service.js";
import { syncTopics } from "../../sync/sync-topics.js";

/**
 * Composition root of `syncOutboxRelay`: Firestore `syncOutbox` → topic `new-changes`.
 * In "continuous" mode (local stack) it relays for the life of the process.
 */
export function composeOutboxRelay(config: FunctionEnv): Router {
  const logger = new JsonLogger(config.LOG_LEVEL);
  const db = firestoreFor(firebaseApp(config.GCLOUD_PROJECT));
  const pubsub = new PubSub({ projectId: config.GCLOUD_PROJECT });
  const relay = new RelayService(
    new OutboxChangeSource(db),
    new PubSubChangePublisher(pubsub, syncTopics.new),
    logger,
  );
  // Nothing rings for the outbox: the loop polls. A snapshot listener would, and on the Firestore
  // emulator a listener on a busy collection slowed every write to it about tenfold.
  const doorbell = new Doorbell();
  if (config.RELAY_MODE === "continuous")
    startContinuousRelay(relay, doorbell, logger, config.RELAY_BATCH_SIZE);
  return relayRouter({
    logger,
    projectId: config.GCLOUD_PROJECT,
    relay,
    doorbell,
    lease: new FirestoreRelayRunLease(db, "outbox"),
    health: new HealthService("syncOutboxRelay", [firestoreProbe(db)]),
    drainSeconds: config.RELAY_DRAIN_SECONDS,
    batchSize: config.RELAY_BATCH_SIZE,
  });
}
