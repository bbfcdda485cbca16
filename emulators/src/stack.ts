import { join } from "node:path";
import { PubSub } from "@google-cloud/pubsub";
import { startLegacyPostgres } from "./legacy/legacy-postgres.js";
import { migrateLegacyCapture } from "./legacy/migrate-legacy-capture.js";
import { startFirebaseEmulators } from "./services/firebase-emulators.js";
import { startFunctionProcess } from "./services/function-process.js";
import { startFirestoreEmulator, startPubSubEmulator } from "./services/google-cloud-emulators.js";
import { applyTopology, deliverPushSubscriptions, readTopology } from "./services/pubsub-topology.js";
import { startSmsStub, stubCredentials } from "./sms-stub/sms-stub-server.js";
import type { StackConfig } from "./stack-config.js";

export interface StackOptions {
  repoRoot: string;
  config: StackConfig;
  /** Where data (the legacy database) and logs live; `.run/` for `npm start`, a temp dir for tests. */
  runDir: string;
  /** Functions to run, by name, each from functions/dist/<name>. Empty in unit-only runs. */
  functions: { name: string; signature: "http" | "cloudevent"; port: number; extraPorts?: number[] }[];
  /** The dashboard directory Hosting serves; omit to run without Hosting (tests). */
  hostingDir?: string;
  /** Extra environment for the function processes (on top of the service addresses). */
  functionEnv?: Record<string, string>;
  /**
   * Who pushes to the functions: the emulator (one message at a time per subscription) or
   * OrderedPushDelivery (concurrent across ordering keys, as Cloud Pub/Sub does). Default: emulator.
   */
  pushDelivery?: "emulator" | "ordered";
}

export interface Stack {
  urls: Record<string, string>;
  /** The environment a function (or an integration test) needs to reach every service. */
  serviceEnv: Record<string, string>;
  legacyAdminUrl: string;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Starts the real local services in dependency order and returns one handle that stops
 * all of them. If any start fails, what already started is stopped before the error surfaces.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { config, repoRoot, runDir } = options;
  const logDir = join(runDir, "logs");
  const started: Stoppable[] = [];
  const stop = async () => {
    const results = await Promise.allSettled(started.reverse().map((part) => part.stop()));
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length > 0) throw new Error(`Could not stop ${failed.length} service(s) cleanly`);
  };
  const track = <T extends Stoppable>(part: T): T => {
    started.push(part);
    return part;
  };
  try {
    const launches = await Promise.allSettled([
      startLegacyPostgres({ port: config.LEGACY_DB_PORT, dataDir: join(runDir, "legacy-postgres") }).then(
        track,
      ),
      startFirestoreEmulator({ port: config.FIRESTORE_PORT, logDir }).then(track),
      startPubSubEmulator({ port: config.PUBSUB_PORT, logDir }).then(track),
      startFirebaseEmulators({
        repoRoot,
        projectId: config.PROJECT_ID,
        authPort: config.AUTH_PORT,
        hostingPort: options.hostingDir ? config.DASHBOARD_PORT : undefined,
        publicDir: options.hostingDir,
        hubPort: config.EMULATOR_HUB_PORT,
        loggingPort: config.EMULATOR_LOGGING_PORT,
        logDir,
      }).then(track),
    ]);
    const failure = launches.find((launch) => launch.status === "rejected");
    if (failure?.status === "rejected") throw failure.reason;
    const legacy = launches[0]?.status === "fulfilled" ? launches[0].value : undefined;
    if (!legacy || !("url" in legacy)) throw new Error("legacy database did not start");
    // What an operator runs before deploying (npm run sync:migrate): functions only check it.
    await migrateLegacyCapture(legacy.url);

    // Local stand-in for the third-party SMS gateway (in this process, free port).
    const smsStub = track(await startSmsStub());
    const serviceEnv: Record<string, string> = {
      GCLOUD_PROJECT: config.PROJECT_ID,
      FIRESTORE_EMULATOR_HOST: `127.0.0.1:${config.FIRESTORE_PORT}`,
      PUBSUB_EMULATOR_HOST: `127.0.0.1:${config.PUBSUB_PORT}`,
      FIREBASE_AUTH_EMULATOR_HOST: `127.0.0.1:${config.AUTH_PORT}`,
      LEGACY_DATABASE_URL: legacy.url,
      METADATA_SERVER_DETECTION: "none",
      SMS_PROVIDER_URL: smsStub.url,
      SMS_USERNAME: stubCredentials.username,
      SMS_PASSWORD: stubCredentials.password,
    };
    const functionUrls: Record<string, string> = {};
    // Extra instances of a function (Cloud Functions scales out) share its ordered push deliveries.
    const instanceUrls: Record<string, string[]> = {};
    for (const fn of options.functions) {
      for (const [index, port] of [fn.port, ...(fn.extraPorts ?? [])].entries()) {
        track(
          await startFunctionProcess({
            repoRoot,
            name: fn.name,
            instance: index,
            source: join(repoRoot, "functions", "dist", fn.name),
            signature: fn.signature,
            port,
            env: { ...serviceEnv, ...options.functionEnv },
            logDir,
          }),
        );
        instanceUrls[fn.name] = [...(instanceUrls[fn.name] ?? []), `http://127.0.0.1:${port}/`];
      }
      functionUrls[fn.name] = `http://127.0.0.1:${fn.port}/`;
    }
    const pubsub = new PubSub({ projectId: config.PROJECT_ID, apiEndpoint: serviceEnv.PUBSUB_EMULATOR_HOST });
    const topology = readTopology(join(repoRoot, "infra", "pubsub", "topology.json"));
    if (options.pushDelivery === "ordered") {
      await applyTopology(pubsub, topology, functionUrls, "pull");
      const endpoints = Object.fromEntries(
        Object.entries(instanceUrls).map(([name, urls]) => {
          let next = 0;
          return [name, () => urls[next++ % urls.length] ?? ""];
        }),
      );
      const deliveries = deliverPushSubscriptions(pubsub, topology, endpoints);
      track({
        stop: async () => {
          await Promise.all([...deliveries.values()].map((delivery) => delivery.stop()));
          await pubsub.close();
        },
      });
    } else {
      await applyTopology(pubsub, topology, functionUrls);
      await pubsub.close();
    }

    const urls: Record<string, string> = {
      ...(options.hostingDir ? { Dashboard: `http://localhost:${config.DASHBOARD_PORT}` } : {}),
      ...Object.fromEntries(Object.entries(functionUrls).map(([name, url]) => [`Function ${name}`, url])),
      "Firestore emulator": `http://127.0.0.1:${config.FIRESTORE_PORT}`,
      "Pub/Sub emulator": `http://127.0.0.1:${config.PUBSUB_PORT}`,
      "Auth emulator": `http://127.0.0.1:${config.AUTH_PORT}`,
      "Legacy database": legacy.url,
      "SMS gateway stub (GET /messages)": smsStub.url,
    };
    return { urls, serviceEnv, legacyAdminUrl: legacy.adminUrl, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
