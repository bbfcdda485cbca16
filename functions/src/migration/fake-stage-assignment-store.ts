import { StageAssignmentConflictError } from "./migration-errors.js";
import {
  type StageAssignment,
  type StageAssignmentChange,
  type StageAssignmentStore,
  stageAssignmentSchema,
} from "./stage-assignment-store.js";

/** In-memory StageAssignmentStore for unit tests. */
export class FakeStageAssignmentStore implements StageAssignmentStore {
  private readonly assignments = new Map<string, StageAssignment>();
  saves = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async get(customerCode: string): Promise<StageAssignment | undefined> {
    return this.assignments.get(customerCode);
  }

  async save(change: StageAssignmentChange, expectedVersion: number): Promise<StageAssignment> {
    const actual = this.assignments.get(change.customerCode)?.version ?? 0;
    if (actual !== expectedVersion)
      throw new StageAssignmentConflictError(change.customerCode, expectedVersion);
    const saved = stageAssignmentSchema.parse({ ...change, version: actual + 1, updatedAt: this.now() });
    this.assignments.set(change.customerCode, saved);
    this.saves += 1;
    return saved;
  }
}
