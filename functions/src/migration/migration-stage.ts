import { type MigrationStage, migrationStages } from "../domain/customer.js";

export type DataSide = "legacy" | "new";

export interface StageRoute {
  /** The side whose answer is returned to the caller. */
  readFrom: DataSide;
  /** Also read the other side and compare (the comparison never changes the answer). */
  compare: boolean;
  /** Sides to write, in order: the first is authoritative, a failure there fails the request. */
  writeOrder: readonly DataSide[];
}

const stageRoutes: Record<MigrationStage, StageRoute> = {
  off: { readFrom: "legacy", compare: false, writeOrder: ["legacy"] },
  dualwrite: { readFrom: "legacy", compare: false, writeOrder: ["legacy", "new"] },
  shadow: { readFrom: "legacy", compare: true, writeOrder: ["legacy", "new"] },
  live: { readFrom: "new", compare: true, writeOrder: ["new", "legacy"] },
  rampdown: { readFrom: "new", compare: false, writeOrder: ["new", "legacy"] },
  complete: { readFrom: "new", compare: false, writeOrder: ["new"] },
};

export function routeForStage(stage: MigrationStage): StageRoute {
  return stageRoutes[stage];
}

export function stageRank(stage: MigrationStage): number {
  return migrationStages.indexOf(stage);
}

/** From `live` on, the new system answers reads: entering it needs verified data. */
export function servesFromNew(stage: MigrationStage): boolean {
  return stageRank(stage) >= stageRank("live");
}

/** The stage after `stage`; `complete` has none. */
export function nextStage(stage: MigrationStage): MigrationStage | undefined {
  return migrationStages[stageRank(stage) + 1];
}
