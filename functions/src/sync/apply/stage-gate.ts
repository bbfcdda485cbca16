import type { DocumentSnapshot } from "firebase-admin/firestore";
import type { MigrationStage } from "../../domain/customer.js";
import { assignmentFromSnapshot } from "../../migration/firestore-stage-assignment-store.js";
import type { SyncSource } from "../change-message.js";

/**
 * Which replication directions run in each stage (README: "Stage matrix"):
 * legacy → new from `dualwrite` on (new is a replica or the primary from then on);
 * new → legacy while legacy is still written (`dualwrite` … `rampdown`); `complete` retires legacy.
 */
const activeDirections: Record<MigrationStage, Record<SyncSource, boolean>> = {
  off: { legacy: false, new: false },
  dualwrite: { legacy: true, new: true },
  shadow: { legacy: true, new: true },
  live: { legacy: true, new: true },
  rampdown: { legacy: true, new: true },
  complete: { legacy: true, new: false },
};

/** Is a change from `source` replicated to the other side in `stage`? */
export function replicates(stage: MigrationStage, source: SyncSource): boolean {
  return activeDirections[stage][source];
}

/**
 * The customer's stage from its assignment document (a customer never assigned is `off`). The
 * apply functions fetch that document in the same `getAll` as the ledger: one round trip fewer.
 */
export function stageFromSnapshot(snapshot: DocumentSnapshot): MigrationStage {
  return assignmentFromSnapshot(snapshot)?.stage ?? "off";
}
