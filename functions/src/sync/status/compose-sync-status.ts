import type { App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { FirebaseTokenVerifier } from "../../auth/firebase-token-verifier.js";
import { Authorizer } from "../../auth/principal.js";
import type { Router } from "../../http/router.js";
import {
  FirestoreLagSampleReader,
  FirestoreSyncSignals,
  OutboxBacklogReader,
} from "./firestore-status-readers.js";
import { LegacyBacklogReader } from "./legacy-backlog-reader.js";
import { registerSyncStatusRoute } from "./status-route.js";
import { SyncStatusService } from "./sync-status.js";

/**
 * Part of the `api` composition root (called only from deployables/api/compose.ts): the real
 * readers behind `GET /v1/sync/status`.
 */
export function registerSyncStatusApi(
  router: Router,
  deps: { authApp: App; db: Firestore; legacyPool: pg.Pool },
): void {
  const status = new SyncStatusService(
    {
      "legacy-to-new": new LegacyBacklogReader(deps.legacyPool),
      "new-to-legacy": new OutboxBacklogReader(deps.db),
    },
    new FirestoreLagSampleReader(deps.db),
    new FirestoreSyncSignals(deps.db),
  );
  const authorizer = new Authorizer(new FirebaseTokenVerifier(getAuth(deps.authApp)));
  registerSyncStatusRoute(router, { authorizer, status });
}
