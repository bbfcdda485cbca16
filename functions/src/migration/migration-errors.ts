import type { MigrationStage } from "../domain/customer.js";
import { DomainError } from "../domain/domain-error.js";

/** Someone else changed the customer's assignment since it was read. */
export class StageAssignmentConflictError extends DomainError {
  constructor(
    readonly customerCode: string,
    readonly expectedVersion: number,
  ) {
    super(
      "VERSION_CONFLICT",
      `stage assignment of ${customerCode} is no longer at version ${expectedVersion}`,
    );
    this.name = "StageAssignmentConflictError";
  }
}

/** Advancing or rolling back in a direction the operation does not allow (e.g. "rollback" upwards). */
export class InvalidStageTransitionError extends DomainError {
  constructor(
    readonly customerCode: string,
    readonly from: MigrationStage,
    readonly to: MigrationStage,
  ) {
    super("INVALID_STAGE_TRANSITION", `customer ${customerCode}: cannot go from ${from} to ${to} this way`);
    this.name = "InvalidStageTransitionError";
  }
}

/** Going to `live` without a recent verification that found the customer equal on both sides. */
export class CustomerNotVerifiedError extends DomainError {
  constructor(
    readonly customerCode: string,
    why = "has not been verified equal on legacy and new",
  ) {
    super("NOT_VERIFIED", `customer ${customerCode} ${why}`);
    this.name = "CustomerNotVerifiedError";
  }
}

/** An advance past the next stage: every customer passes through every stage. */
export class StageSkippedError extends DomainError {
  constructor(
    readonly customerCode: string,
    readonly from: MigrationStage,
    readonly to: MigrationStage,
    readonly next: MigrationStage,
  ) {
    super(
      "INVALID_STAGE_TRANSITION",
      `customer ${customerCode}: stages are taken one at a time; from ${from} the next is ${next}, not ${to}`,
    );
    this.name = "StageSkippedError";
  }
}

/** Rollback refused because pending changes could not be drained to legacy first. */
export class DrainFailedError extends DomainError {
  constructor(
    readonly customerCode: string,
    cause: unknown,
  ) {
    super("DRAIN_FAILED", `could not drain pending changes of ${customerCode} to legacy`, { cause });
    this.name = "DrainFailedError";
  }
}
