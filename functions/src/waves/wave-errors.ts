import { ConflictError, DomainError } from "../shared/errors.js";
import type { GateResult } from "./wave-record.js";

/** The step's gates did not all pass: the wave stays where it is, with the reasons. */
export class WaveGateFailedError extends ConflictError {
  constructor(readonly gates: readonly GateResult[]) {
    super(
      `The wave stays where it is: ${gates
        .filter((gate) => !gate.passed)
        .map((gate) => `${gate.gate}: ${gate.detail}`)
        .join("; ")}`,
    );
  }
}

/** A request the wave's status or stage does not allow (advance past complete, resume when idle…). */
export class WaveStateError extends ConflictError {}

/** Someone else changed the wave since it was read (a runner's progress, another operator). */
export class WaveVersionConflictError extends DomainError {
  constructor(id: string, expectedVersion: number) {
    super("VERSION_CONFLICT", `wave ${id} is no longer at version ${expectedVersion}; read it again`);
    this.name = "WaveVersionConflictError";
  }
}
