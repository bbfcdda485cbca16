import { join } from "node:path";
import type { PubSub } from "@google-cloud/pubsub";
import { deleteApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import pg from "pg";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import type { OrderedPushDelivery } from "../../../../emulators/src/services/ordered-push-delivery.js";
import {
  applyTopology,
  deliverPushSubscriptions,
  readTopology,
} from "../../../../emulators/src/services/pubsub-topology.js";
import { firebaseApp, firestoreFor } from "../../../src/adapters/firebase-app.js";
import type { MigrationStage } from "../../../src/domain/customer.js";
import { FirestoreStageAssignmentStore } from "../../../src/migration/firestore-stage-assignment-store.js";
import { applySyncSchema } from "../../../src/sync/capture/sync-schema.js";
import { type RunningFunction, startFunction } from "../../support/function-harness.js";
import { testEnv, uniqueProjectId } from "../../support/test-env.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..", "..");

export interface ApplyStack {
  projectId: string;
  db: Firestore;
  pool: pg.Pool;
  legacyUrl: string;
  toNew: RunningFunction;
  toLegacy: RunningFunction;
  /** The environment the functions run with (for more functions of the same stack). */
  functionEnv: Record<string, string>;
  setStage(customerCode: string, stage: MigrationStage): Promise<void>;
  stop(): Promise<void>;
}

/** Both apply functions as deployed, on a fresh project and a fresh legacy database with capture. */
export async function startApplyStack(
  label: string,
  options: {
    legacyUrl?: string;
    /** The functions' way to legacy when it differs from the test's (a latency proxy in between). */
    functionLegacyUrl?: string;
    /** A private Firestore emulator (the test's own clients must point there too). */
    firestoreHost?: string;
    projectId?: string;
    extraEnv?: Record<string, string>;
  } = {},
): Promise<ApplyStack> {
  const env = testEnv();
  const projectId = options.projectId ?? uniqueProjectId(label);
  const legacyUrl =
    options.legacyUrl ?? (await createIsolatedDatabase(env.LEGACY_ADMIN_URL, label.replaceAll("-", "_")));
  const pool = new pg.Pool({ connectionString: legacyUrl, max: 4 });
  pool.on("error", () => undefined);
  // A checked-out client losing its server (the outage tests) must not become an uncaught error.
  pool.on("connect", (client) => client.on("error", () => undefined));
  await applySyncSchema(pool);
  const app = firebaseApp(projectId);
  const functionEnv: Record<string, string> = {
    GCLOUD_PROJECT: projectId,
    FIRESTORE_EMULATOR_HOST: options.firestoreHost ?? env.FIRESTORE_EMULATOR_HOST,
    LEGACY_DATABASE_URL: options.functionLegacyUrl ?? legacyUrl,
    METADATA_SERVER_DETECTION: "none",
    LOG_LEVEL: "WARNING",
    ...options.extraEnv,
  };
  const [toNew, toLegacy] = await Promise.all([
    startFunction({
      name: "syncApplyToNew",
      entry: "src/deployables/sync-apply-to-new/index.ts",
      signature: "cloudevent",
      env: functionEnv,
    }),
    startFunction({
      name: "syncApplyToLegacy",
      entry: "src/deployables/sync-apply-to-legacy/index.ts",
      signature: "cloudevent",
      env: functionEnv,
    }),
  ]);
  const stages = new FirestoreStageAssignmentStore(app);
  return {
    projectId,
    db: firestoreFor(app),
    pool,
    legacyUrl,
    toNew,
    toLegacy,
    functionEnv,
    async setStage(customerCode, stage) {
      const current = await stages.get(customerCode);
      await stages.save(
        { customerCode, stage, held: false, updatedBy: "test", reason: "test setup" },
        current?.version ?? 0,
        {
          customerCode,
          action: "advance",
          fromStage: current?.stage ?? "off",
          toStage: stage,
          actor: "test",
          reason: "test setup",
          at: new Date(),
        },
      );
    },
    async stop() {
      await Promise.all([toNew.stop(), toLegacy.stop()]);
      await pool.end();
      // Another stack on the same project may have deleted the shared app already.
      await Promise.resolve()
        .then(() => deleteApp(app))
        .catch(() => undefined);
    },
  };
}

/**
 * Creates the shared topology's topics and subscriptions in the stack's project and serves its
 * push subscriptions to the stack's functions as Cloud Pub/Sub does (OrderedPushDelivery).
 */
export async function serveTopology(
  pubsub: PubSub,
  stack: ApplyStack,
  options: Parameters<typeof deliverPushSubscriptions>[3] = {},
): Promise<Map<string, OrderedPushDelivery>> {
  const topology = readTopology(join(repoRoot, "infra", "pubsub", "topology.json"));
  await applyTopology(pubsub, topology, {}, "pull");
  return deliverPushSubscriptions(
    pubsub,
    topology,
    { syncApplyToNew: () => stack.toNew.url, syncApplyToLegacy: () => stack.toLegacy.url },
    options,
  );
}
