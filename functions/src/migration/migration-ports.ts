import type { MigrationStage } from "../domain/customer.js";

/** Port: has the customer's data been compared and found equal on legacy and new? */
export interface VerificationPort {
  isVerifiedEqual(customerCode: string): Promise<boolean>;
}

/** Port: push every change made on the new side that legacy has not received yet; resolves when done. */
export interface DrainPort {
  drainToLegacy(customerCode: string): Promise<void>;
}

export interface FlagStageDecision {
  stage: MigrationStage;
  /** Who decided, for the audit trail, e.g. `flag:migration-stage@v7`. */
  decidedBy: string;
}

/** Port: the stage the migration flag gives a customer right now (before stickiness). */
export interface MigrationFlagPort {
  stageFor(customerCode: string): Promise<FlagStageDecision>;
}
