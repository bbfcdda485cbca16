import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PubSub } from "@google-cloud/pubsub";
import {
  type LegacyPostgres,
  startLegacyPostgres,
} from "../../../../emulators/src/legacy/legacy-postgres.js";
import { findFreePort } from "../../../../emulators/src/ports.js";
import { DeliveryAttempts } from "../../../../emulators/src/services/delivery-attempts.js";
import { DeliveryTrace } from "../../../../emulators/src/services/delivery-trace.js";
import type { OrderedPushDelivery } from "../../../../emulators/src/services/ordered-push-delivery.js";
import { RestartableFirestore } from "../../../../emulators/src/services/restartable-firestore.js";
import { type RunningFunction, startFunction } from "../../support/function-harness.js";
import { testEnv, uniqueProjectId } from "../../support/test-env.js";
import { type ApplyStack, serveTopology, startApplyStack } from "../apply/apply-stack.js";
import { LatencyProxy } from "./latency-proxy.js";

/**
 * Everything the fault test runs on, each piece its own so faults can hit it: a private legacy
 * PostgreSQL (stopped and started), a latency proxy between it and the functions, a private
 * Firestore emulator (restarted with its data), both relays and both apply functions as deployed
 * (killed), and Cloud Pub/Sub push delivery (OrderedPushDelivery: concurrent duplicates, replays
 * of acknowledged messages, attempts counted across subscriber restarts).
 */
export interface ChaosStack {
  stack: ApplyStack;
  pubsub: PubSub;
  firestore: RestartableFirestore;
  proxy: LatencyProxy;
  legacyRelay: RunningFunction;
  outboxRelay: RunningFunction;
  deliveries: () => Map<string, OrderedPushDelivery>;
  /** What every push delivery of a subscription did with each message, across restarts. */
  traces: Map<string, DeliveryTrace>;
  restartDelivery(): Promise<void>;
  legacyOutage(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startChaosStack(random: () => number): Promise<ChaosStack> {
  const env = testEnv();
  const projectId = uniqueProjectId("sync-chaos");
  const root = join(tmpdir(), `luckygas-chaos-${randomBytes(4).toString("hex")}`);
  const port = await findFreePort();
  let postgres: LegacyPostgres = await startLegacyPostgres({ port, dataDir: join(root, "pg") });
  const proxy = await LatencyProxy.start({ host: "127.0.0.1", port });
  const firestore = await RestartableFirestore.start({
    projectId,
    logDir: env.TEST_STACK_LOG_DIR ?? join(root, "logs"),
    dataDir: join(root, "firestore"),
  });
  // This file's own clients (firebase-admin reads the variable when a client is built).
  const sharedFirestore = process.env.FIRESTORE_EMULATOR_HOST;
  process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
  const functionLegacyUrl = postgres.url.replace(`:${port}/`, `:${proxy.port}/`);
  const stack = await startApplyStack("sync-chaos", {
    projectId,
    legacyUrl: postgres.url,
    functionLegacyUrl,
    firestoreHost: firestore.host,
    extraEnv: { SYNC_BREAKER_HALF_OPEN_MS: "500", SYNC_LEGACY_TIMEOUT_MS: "3000" },
  });
  const relayEnv = {
    ...stack.functionEnv,
    PUBSUB_EMULATOR_HOST: env.PUBSUB_EMULATOR_HOST,
    RELAY_MODE: "continuous",
  };
  const [legacyRelay, outboxRelay] = await Promise.all([
    startFunction({
      name: "syncLegacyRelay",
      entry: "src/deployables/sync-legacy-relay/index.ts",
      signature: "http",
      env: relayEnv,
    }),
    startFunction({
      name: "syncOutboxRelay",
      entry: "src/deployables/sync-outbox-relay/index.ts",
      signature: "http",
      env: relayEnv,
    }),
  ]);
  const pubsub = new PubSub({ projectId, apiEndpoint: env.PUBSUB_EMULATOR_HOST });
  const attempts = new Map<string, DeliveryAttempts>();
  const attemptsOf = (subscription: string) => {
    const found = attempts.get(subscription) ?? new DeliveryAttempts();
    attempts.set(subscription, found);
    return found;
  };
  const traces = new Map<string, DeliveryTrace>();
  const traceOf = (subscription: string) => {
    const found = traces.get(subscription) ?? new DeliveryTrace(changeLabel);
    traces.set(subscription, found);
    return found;
  };
  const serve = () =>
    serveTopology(pubsub, stack, {
      // One attempt in six arrives 2 or 3 times at once; one ack in fifty is followed by a replay.
      copies: () => (random() < 1 / 6 ? 2 + Math.floor(random() * 2) : 1),
      replays: () => random() < 0.02,
      random,
      attempts: attemptsOf,
      trace: traceOf,
    });
  let deliveries = await serve();
  const stopDeliveries = () => Promise.all([...deliveries.values()].map((d) => d.stop()));
  return {
    stack,
    pubsub,
    firestore,
    proxy,
    legacyRelay,
    outboxRelay,
    deliveries: () => deliveries,
    traces,
    async restartDelivery() {
      await stopDeliveries();
      deliveries = await serve();
    },
    async legacyOutage(ms) {
      await postgres.stop();
      await new Promise((resolve) => setTimeout(resolve, ms));
      postgres = await startLegacyPostgres({ port, dataDir: join(root, "pg") });
    },
    async stop() {
      await stopDeliveries().catch(() => undefined);
      await Promise.all([legacyRelay.stop(), outboxRelay.stop()]).catch(() => undefined);
      await pubsub.close().catch(() => undefined);
      await stack.stop().catch(() => undefined);
      await firestore.stop().catch(() => undefined);
      await proxy.stop().catch(() => undefined);
      await postgres.stop().catch(() => undefined);
      if (sharedFirestore === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
      else process.env.FIRESTORE_EMULATOR_HOST = sharedFirestore;
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A change message's record and version, as ledger-backlog.ts names them: `entity:key:version`. */
export function changeLabel(data: Buffer): string {
  const change = JSON.parse(data.toString("utf8")) as { entity: string; key: string; sourceVersion: number };
  return `${change.entity}:${change.key}:${change.sourceVersion}`;
}
