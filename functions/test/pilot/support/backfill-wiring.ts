import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { firebaseApp, firestoreFor } from "../../../src/adapters/firebase-app.js";
import { BackfillService, type TurnSyncOn } from "../../../src/backfill/backfill-service.js";
import { FirestoreBackfillRunStore } from "../../../src/backfill/firestore-backfill-run-store.js";
import { CustomerStageService } from "../../../src/migration/customer-stage-service.js";
import { FirestoreStageAssignmentStore } from "../../../src/migration/firestore-stage-assignment-store.js";

/** The backfill on the real stores, turning each customer's sync on through the stage service. */
export function backfillOn(
  projectId: string,
  pool: pg.Pool,
  chunkCustomers = 25,
  onChunk?: (done: number, total: number) => void,
  throttling = true,
) {
  const app = firebaseApp(projectId);
  const db: Firestore = firestoreFor(app);
  const assignments = new FirestoreStageAssignmentStore(app);
  const stages = new CustomerStageService({
    // Never consulted on an explicit advance; the flag of these tests leaves everyone off.
    flag: { stageFor: async () => ({ stage: "off", decidedBy: "test" }) },
    assignments,
    verification: { lastVerification: async () => undefined },
    drain: { drainToLegacy: async () => undefined },
  });
  const turnOn: TurnSyncOn = async (customerCode) => {
    if ((await assignments.get(customerCode))?.stage === "dualwrite") return; // turned on before a kill
    await stages.advance({ customerCode, to: "dualwrite", actor: "backfill-test", reason: "backfill test" });
  };
  const service = new BackfillService({
    db,
    pool,
    runs: new FirestoreBackfillRunStore(db),
    chunkCustomers,
    onChunk,
    throttling,
  });
  return { service, turnOn, db, assignments, stages, runs: new FirestoreBackfillRunStore(db) };
}
