import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import { ApplyPushHandler } from "../../sync/apply/apply-handler.js";
import { ApplyToNewService } from "../../sync/apply/apply-to-new.js";
import { FirestoreDeadLetterSink } from "../../sync/apply/dead-letters.js";
import { parseConflictPolicy } from "../../sync/conflicts/conflict-policy.js";

/** Composition root of `syncApplyToNew` (legacy → Firestore). */
export function composeApplyToNew(config: FunctionEnv): ApplyPushHandler {
  const app = firebaseApp(config.GCLOUD_PROJECT);
  const db = firestoreFor(app);
  const service = new ApplyToNewService(db, parseConflictPolicy(config.SYNC_CONFLICT_POLICY));
  return new ApplyPushHandler(
    "syncApplyToNew",
    service, // each applied change leaves its lag sample in its own commit (status/apply-lag.ts)
    new FirestoreDeadLetterSink(db),
    new JsonLogger(config.LOG_LEVEL),
  );
}
