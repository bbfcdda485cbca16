import { firebaseApp, firestoreFor } from "../../adapters/firebase-app.js";
import { createLegacyPool } from "../../adapters/legacy-pool.js";
import type { FunctionEnv } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import { AppliedChangeJournal } from "../../sync/apply/applied-change-journal.js";
import { ApplyPushHandler } from "../../sync/apply/apply-handler.js";
import { ApplyToLegacyService, leaseMsFor } from "../../sync/apply/apply-to-legacy.js";
import { FirestoreDeadLetterSink } from "../../sync/apply/dead-letters.js";
import { FirestoreBreakerStateSink } from "../../sync/apply/firestore-breaker-state.js";
import { LegacyGateway } from "../../sync/apply/legacy-gateway.js";
import { parseConflictPolicy } from "../../sync/conflicts/conflict-policy.js";

/** Composition root of `syncApplyToLegacy` (Firestore → legacy PostgreSQL). */
export function composeApplyToLegacy(config: FunctionEnv, legacyDatabaseUrl: string): ApplyPushHandler {
  const app = firebaseApp(config.GCLOUD_PROJECT);
  const db = firestoreFor(app);
  const timeoutMs = config.SYNC_LEGACY_TIMEOUT_MS;
  // No statement outlives the gateway's timeout, and locks are waited for briefly: the vendor
  // application, not the sync, is the one that must not be kept waiting.
  const pool = createLegacyPool(legacyDatabaseUrl, {
    max: config.SYNC_LEGACY_POOL_MAX,
    statementTimeoutMs: timeoutMs,
    lockTimeoutMs: Math.min(3_000, timeoutMs),
    idleInTransactionMs: timeoutMs,
  });
  const gateway = new LegacyGateway(
    pool,
    new FirestoreBreakerStateSink(db, `syncApplyToLegacy-${process.pid}`),
    {
      timeoutMs,
      halfOpenAfterMs: config.SYNC_BREAKER_HALF_OPEN_MS,
      consecutiveFailures: 3,
    },
  );
  const service = new ApplyToLegacyService(
    db,
    gateway,
    parseConflictPolicy(config.SYNC_CONFLICT_POLICY),
    new AppliedChangeJournal(),
    undefined,
    leaseMsFor(timeoutMs),
  );
  return new ApplyPushHandler(
    "syncApplyToLegacy",
    service, // each applied change leaves its lag sample in its own commit (status/apply-lag.ts)
    new FirestoreDeadLetterSink(db),
    new JsonLogger(config.LOG_LEVEL),
  );
}
