import type { SyncSource } from "./change-message.js";

/** The topic each side's changes are published to (infra/pubsub/topology.json), by source. */
export const syncTopics: Record<SyncSource, string> = {
  legacy: "legacy-changes",
  new: "new-changes",
};
