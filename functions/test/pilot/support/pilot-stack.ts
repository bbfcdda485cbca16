import { randomBytes } from "node:crypto";
import { PubSub } from "@google-cloud/pubsub";
import { deleteApp } from "firebase-admin/app";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../../../emulators/src/legacy/seed.js";
import type { OrderedPushDelivery } from "../../../../emulators/src/services/ordered-push-delivery.js";
import { firebaseApp } from "../../../src/adapters/firebase-app.js";
import { callApi } from "../../flags/flags-test-stack.js";
import { type RunningFunction, startFunction } from "../../support/function-harness.js";
import { signInTestUsers, type TestRole } from "../../support/role-tokens.js";
import { testEnv } from "../../support/test-env.js";
import { type ApplyStack, serveTopology, startApplyStack } from "../../sync/apply/apply-stack.js";

/**
 * The whole system for one pilot: a seeded legacy database with change capture, both apply
 * functions, both relays running continuously, Cloud Pub/Sub push delivery (OrderedPushDelivery,
 * no faults injected here), and the API, all on one Firestore project.
 */
export interface PilotStack {
  sync: ApplyStack;
  api: RunningFunction;
  tokens: Record<TestRole, string>;
  call(
    method: string,
    path: string,
    options?: { as?: TestRole; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
  stop(): Promise<void>;
}

export async function startPilotStack(label: string, scale: number): Promise<PilotStack> {
  const env = testEnv();
  const legacyUrl = await createIsolatedDatabase(
    env.LEGACY_ADMIN_URL,
    `${label}_${randomBytes(3).toString("hex")}`,
  );
  await seedLegacyDatabase(legacyUrl, { seed: 7, scale });
  const sync = await startApplyStack(label, { legacyUrl });
  const relayEnv = {
    ...sync.functionEnv,
    PUBSUB_EMULATOR_HOST: env.PUBSUB_EMULATOR_HOST,
    RELAY_MODE: "continuous",
  };
  const relays = await Promise.all(
    (["syncLegacyRelay", "syncOutboxRelay"] as const).map((name) =>
      startFunction({
        name,
        entry: `src/deployables/${name === "syncLegacyRelay" ? "sync-legacy-relay" : "sync-outbox-relay"}/index.ts`,
        signature: "http",
        env: relayEnv,
      }),
    ),
  );
  const pubsub = new PubSub({ projectId: sync.projectId, apiEndpoint: env.PUBSUB_EMULATOR_HOST });
  const deliveries: Map<string, OrderedPushDelivery> = await serveTopology(pubsub, sync);
  const { authProject, tokens } = await signInTestUsers(label);
  const api = await startFunction({
    name: "api",
    entry: "src/deployables/api/index.ts",
    signature: "http",
    env: {
      ...sync.functionEnv,
      FIREBASE_AUTH_PROJECT: authProject,
      FIREBASE_AUTH_EMULATOR_HOST: env.FIREBASE_AUTH_EMULATOR_HOST,
      PUBSUB_EMULATOR_HOST: env.PUBSUB_EMULATOR_HOST,
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "1000000",
      RATE_LIMIT_PER_USER_PER_MINUTE: "1000000",
    },
  });
  return {
    sync,
    api,
    tokens,
    call: (method, path, options = {}) =>
      callApi(api.url, method, path, {
        token: tokens[options.as ?? "admin"],
        body: options.body,
        headers: options.headers,
      }),
    async stop() {
      await api.stop().catch(() => undefined);
      await Promise.all([...deliveries.values()].map((delivery) => delivery.stop())).catch(() => undefined);
      await Promise.all(relays.map((relay) => relay.stop())).catch(() => undefined);
      await pubsub.close().catch(() => undefined);
      await sync.stop().catch(() => undefined);
      await deleteApp(firebaseApp(authProject)).catch(() => undefined);
    },
  };
}
