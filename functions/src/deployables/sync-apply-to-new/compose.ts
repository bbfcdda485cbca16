import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import { ApplyPushHandler } from "../../sync/apply/apply-handler.js";
import { ApplyToNewService } from "../../sync/apply/apply-to-new.js";
import { FirestoreDeadLetterSink } from "../../sync/apply/dead-letters.js";
import { parseConflictPolicy } from "../../sync/conflicts/conflict-policy.js";
import { FirestoreApplyLagRecorder, LagRecordingApplier } from "../../sync/status/apply-lag.js";

/** Composition root of `syncApplyToNew` (legacy → Firestore). */
export function composeApplyToNew(config: FunctionEnv): ApplyPushHandler {
  const app = firebaseApp(config.GCLOUD_PROJECT);
  const db = firestoreFor(app);
  const service = new ApplyToNewService(db, parseConflictPolicy(config.SYNC_CONFLICT_POLICY));
  return new ApplyPushHandler(
    "syncApplyToNew",
    // Every applied change leaves a lag sample for /v1/sync/status (best effort, never a redelivery).
    new LagRecordingApplier(service, new FirestoreApplyLagRecorder(db)),
    new FirestoreDeadLetterSink(db),
    new JsonLogger(config.LOG_LEVEL),
  );
}
