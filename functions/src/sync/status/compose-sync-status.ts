import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
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
export function registerSyncStatusApi(router: Router, deps: { db: Firestore; legacyPool: pg.Pool }): void {
  const status = new SyncStatusService(
    {
      "legacy-to-new": new LegacyBacklogReader(deps.legacyPool),
      "new-to-legacy": new OutboxBacklogReader(deps.db),
    },
    new FirestoreLagSampleReader(deps.db),
    new FirestoreSyncSignals(deps.db),
  );
  registerSyncStatusRoute(router, status);
}
