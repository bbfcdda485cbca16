import type { PubSub } from "@google-cloud/pubsub";
import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { Router } from "../../http/router.js";
import { FirestoreBreakerStateSink } from "../apply/firestore-breaker-state.js";
import { LegacyGateway } from "../apply/legacy-gateway.js";
import { registerConflictRoutes } from "../conflicts/conflict-routes.js";
import { ConflictService } from "../conflicts/conflict-service.js";
import { registerDeadLetterRoutes } from "../dead-letters/dead-letter-routes.js";
import { DeadLetterService } from "../dead-letters/dead-letter-service.js";
import { PubSubChangePublisher } from "../relay/pubsub-change-publisher.js";
import { syncTopics } from "../sync-topics.js";
import { SyncDrain } from "./sync-drain.js";
import { SyncVerifier } from "./sync-verifier.js";
import { registerVerifyRoutes } from "./verify-routes.js";

/** The sync's part of the API (conflicts, dead letters, verification) and its ports for the stage service. */
export function composeSyncApi(deps: { db: Firestore; legacyPool: pg.Pool; pubsub: PubSub }) {
  const verifier = new SyncVerifier(deps.db, deps.legacyPool);
  const gateway = new LegacyGateway(
    deps.legacyPool,
    new FirestoreBreakerStateSink(deps.db, "api", "legacyBreakerApi"),
    {
      timeoutMs: 10_000,
      halfOpenAfterMs: 5_000,
      consecutiveFailures: 3,
    },
  );
  return {
    verifier,
    drain: new SyncDrain(deps.db, verifier),
    register(router: Router) {
      registerConflictRoutes(router, new ConflictService(deps.db, gateway));
      registerVerifyRoutes(router, verifier);
      // Replays publish where the change first went: legacy-changes or new-changes.
      const publishers = {
        legacy: new PubSubChangePublisher(deps.pubsub, syncTopics.legacy),
        new: new PubSubChangePublisher(deps.pubsub, syncTopics.new),
      };
      registerDeadLetterRoutes(router, new DeadLetterService(deps.db, publishers));
    },
  };
}
