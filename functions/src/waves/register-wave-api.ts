import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { BackfillService } from "../backfill/backfill-service.js";
import type { CohortService } from "../cohorts/cohort-service.js";
import { FirestoreStageDirectory } from "../customers/firestore-stage-directory.js";
import type { Router } from "../http/router.js";
import type { CustomerStageService } from "../migration/customer-stage-service.js";
import type { StageAssignmentStore } from "../migration/stage-assignment-store.js";
import type { Logger } from "../shared/logger.js";
import { OutboxBacklogReader } from "../sync/status/firestore-status-readers.js";
import { LegacyBacklogReader } from "../sync/status/legacy-backlog-reader.js";
import type { SyncVerifier } from "../sync/verify/sync-verifier.js";
import { FirestoreWaveStore } from "./firestore-wave-store.js";
import {
  deadLettersGate,
  defaultBacklogLimits,
  openConflictsGate,
  syncBacklogGate,
  verificationGate,
} from "./wave-gates.js";
import { registerWaveRoutes } from "./wave-routes.js";
import { WaveRunner } from "./wave-runner.js";
import { WaveService } from "./wave-service.js";

export interface WaveApiDeps {
  db: Firestore;
  legacyPool: pg.Pool;
  logger: Logger;
  cohorts: CohortService;
  /** A stage service without levelling: the runner copies through `backfill` before turning the sync on. */
  stages: CustomerStageService;
  assignments: StageAssignmentStore;
  backfill: BackfillService;
  verifier: SyncVerifier;
}

/** Builds the wave store, gates, runner and service once and registers the wave routes. */
export function registerWaveApi(router: Router, deps: WaveApiDeps): WaveService {
  const waves = new FirestoreWaveStore(deps.db);
  const gates = [
    verificationGate(deps.verifier),
    openConflictsGate(deps.db),
    deadLettersGate(deps.db),
    syncBacklogGate(
      {
        "legacy-to-new": new LegacyBacklogReader(deps.legacyPool),
        "new-to-legacy": new OutboxBacklogReader(deps.db),
      },
      defaultBacklogLimits,
    ),
  ];
  const runner = new WaveRunner({
    waves,
    stages: deps.stages,
    assignments: deps.assignments,
    backfill: deps.backfill,
    gates,
    logger: deps.logger,
  });
  const service = new WaveService({
    waves,
    cohorts: deps.cohorts,
    stages: new FirestoreStageDirectory(deps.db),
    runner,
  });
  registerWaveRoutes(router, service, deps.cohorts);
  return service;
}
