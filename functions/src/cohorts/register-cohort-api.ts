import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { FirestoreStageDirectory } from "../customers/firestore-stage-directory.js";
import type { Router } from "../http/router.js";
import { registerCohortRoutes } from "./cohort-routes.js";
import { CohortService } from "./cohort-service.js";
import { FirestoreCohortStore } from "./firestore-cohort-store.js";
import { LegacyCohortCandidateFacts } from "./legacy-cohort-candidate-facts.js";

export interface CohortApiDeps {
  db: Firestore;
  legacyPool: pg.Pool;
}

/** Builds the cohort service on the real stores and registers its routes; returns it for the waves. */
export function registerCohortApi(router: Router, { db, legacyPool }: CohortApiDeps): CohortService {
  const service = new CohortService({
    facts: new LegacyCohortCandidateFacts(legacyPool),
    store: new FirestoreCohortStore(db),
    migrated: new FirestoreStageDirectory(db),
  });
  registerCohortRoutes(router, service);
  return service;
}
