import { OpenFeature } from "@openfeature/server-sdk";
import type { App } from "firebase-admin/app";
import { EvaluationRecorder } from "../flags/evaluation-recorder.js";
import { FirestoreEvaluationCounts } from "../flags/firestore-evaluation-counts.js";
import { FirestoreFlagStore } from "../flags/firestore-flag-store.js";
import { FlagAdminService } from "../flags/flag-admin-service.js";
import { InMemoryFlagProvider } from "../flags/in-memory-flag-provider.js";
import type { Router } from "../http/router.js";
import { CustomerStageService } from "../migration/customer-stage-service.js";
import { FirestoreMigrationAuditLog } from "../migration/firestore-migration-audit-log.js";
import { FirestoreStageAssignmentStore } from "../migration/firestore-stage-assignment-store.js";
import type { DrainPort, LevellingPort, VerificationPort } from "../migration/migration-ports.js";
import { OpenFeatureMigrationFlag } from "../migration/openfeature-migration-flag.js";
import type { WriteHolds } from "../migration/write-hold.js";
import type { Logger } from "../shared/logger.js";
import { registerFlagRoutes } from "./flag-routes.js";
import { registerMigrationRoutes } from "./migration-routes.js";
import { registerOfrepRoutes } from "./ofrep-routes.js";

export interface FlagsApiDeps {
  /** Project whose Firestore holds flags, counts, assignments and audit. */
  app: App;
  logger: Logger;
  /** OpenFeature domain the provider is registered under (the migration flag's client uses it). */
  openFeatureDomain: string;
  countsFlushSeconds: number;
  /** The sync's verified-before-live check and drain-before-rollback (the same ports the API routing uses). */
  verification: VerificationPort;
  drain: DrainPort;
  /** The backfill of a customer entering dualwrite. */
  levelling: LevellingPort;
  /** The rollback's hold on new-side writes. */
  holds: WriteHolds;
}

/**
 * Part of the `api` composition root for flags: ONE in-memory provider (one Firestore listener per
 * instance) serves the migration flag's OpenFeature client, OFREP and counts every evaluation;
 * counts are flushed every `countsFlushSeconds` and once more on SIGTERM (Cloud Functions sends it
 * before stopping an instance). Registers the flag admin, OFREP and migration stage routes.
 */
export function registerFlagsApi(router: Router, deps: FlagsApiDeps): void {
  const { app, logger } = deps;
  const store = new FirestoreFlagStore(app, (id, error) =>
    logger.log("ERROR", "flag document cannot be loaded; it is not served", {
      flag: id,
      error: String(error),
    }),
  );
  const counts = new FirestoreEvaluationCounts(app);
  const recorder = new EvaluationRecorder(counts);
  const provider = new InMemoryFlagProvider(store, { observer: recorder });
  const ready = OpenFeature.setProviderAndWait(deps.openFeatureDomain, provider);
  ready.catch((error) => logger.log("ERROR", "flag provider failed to start", { error: String(error) }));
  const onFlushError = (error: unknown) =>
    logger.log("WARNING", "evaluation counts not flushed; retried next time", { error: String(error) });
  const stopFlushing = recorder.startPeriodicFlush(deps.countsFlushSeconds * 1000, onFlushError);
  process.once("SIGTERM", () => void stopFlushing().catch(onFlushError));

  const flag = new OpenFeatureMigrationFlag(OpenFeature.getClient(deps.openFeatureDomain));
  const assignments = new FirestoreStageAssignmentStore(app);
  const audit = new FirestoreMigrationAuditLog(app);
  const stages = new CustomerStageService({
    flag,
    assignments,
    verification: deps.verification,
    drain: deps.drain,
    levelling: deps.levelling,
    holds: deps.holds,
  });
  registerFlagRoutes(router, { admin: new FlagAdminService(store), counts });
  registerOfrepRoutes(router, { provider, ready });
  registerMigrationRoutes(router, { stages, assignments, audit, flag });
}
