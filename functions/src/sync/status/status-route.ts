import type { Router } from "../../http/router.js";
import type { SyncStatusService } from "./sync-status.js";

/** `GET /v1/sync/status` for viewers and up: backlog, throughput, lag, dead letters, conflicts, breaker. */
export function registerSyncStatusRoute(router: Router, status: SyncStatusService): void {
  router.add({
    method: "GET",
    path: "/v1/sync/status",
    access: "viewer",
    handle: async () => ({
      status: 200,
      body: await status.status(),
      headers: { "cache-control": "no-store" },
    }),
  });
}
