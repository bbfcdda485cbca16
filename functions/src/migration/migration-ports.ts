import type { MigrationStage } from "../domain/customer.js";

/** The last comparison of a customer's data on legacy and new. */
export interface LastVerification {
  equal: boolean;
  verifiedAt: Date;
}

/** Port: when was the customer's data last compared on both sides, and was it equal? */
export interface VerificationPort {
  lastVerification(customerCode: string): Promise<LastVerification | undefined>;
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

/**
 * Port: brings the new side level with legacy for customers entering `dualwrite` (the backfill),
 * calling `turnOn` for each once its copy is written; a customer whose `turnOn` failed is listed.
 */
export interface LevellingPort {
  levelNewSide(
    customerCodes: readonly string[],
    turnOn: (customerCode: string) => Promise<void>,
  ): Promise<{ notTurnedOn: { customerCode: string; reason: string }[] }>;
  /**
   * Brings legacy level with the new side for a customer leaving `complete` (legacy received no
   * new-side change there); the caller holds the customer's new-side writes meanwhile.
   */
  levelLegacySide(customerCode: string): Promise<void>;
}
