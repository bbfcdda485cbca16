import type { MigrationStage } from "./migration-stage.js";

/** Someone else changed the customer's assignment since it was read. */
export class StageAssignmentConflictError extends Error {
  readonly code = "VERSION_CONFLICT";
  constructor(
    readonly customerCode: string,
    readonly expectedVersion: number,
  ) {
    super(`stage assignment of ${customerCode} is no longer at version ${expectedVersion}`);
    this.name = "StageAssignmentConflictError";
  }
}

/** Advancing or rolling back in a direction the operation does not allow (e.g. "rollback" upwards). */
export class InvalidStageTransitionError extends Error {
  readonly code = "INVALID_STAGE_TRANSITION";
  constructor(
    readonly customerCode: string,
    readonly from: MigrationStage,
    readonly to: MigrationStage,
  ) {
    super(`customer ${customerCode}: cannot go from ${from} to ${to} this way`);
    this.name = "InvalidStageTransitionError";
  }
}

/** Going to `live` or beyond before the customer's data was verified equal on both sides. */
export class CustomerNotVerifiedError extends Error {
  readonly code = "NOT_VERIFIED";
  constructor(readonly customerCode: string) {
    super(`customer ${customerCode} has not been verified equal on legacy and new`);
    this.name = "CustomerNotVerifiedError";
  }
}

/** Rollback refused because pending changes could not be drained to legacy first. */
export class DrainFailedError extends Error {
  readonly code = "DRAIN_FAILED";
  constructor(
    readonly customerCode: string,
    cause: unknown,
  ) {
    super(`could not drain pending changes of ${customerCode} to legacy`, { cause });
    this.name = "DrainFailedError";
  }
}
