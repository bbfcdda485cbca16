import { FakeMigrationAuditLog } from "./fake-migration-audit-log.js";
import type { MigrationAuditEntry } from "./migration-audit-log.js";
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

  constructor(
    private readonly now: () => Date = () => new Date(),
    /** Receives each save's audit entry, as the Firestore store commits it with the save. */
    private readonly audit: FakeMigrationAuditLog = new FakeMigrationAuditLog(),
  ) {}

  async get(customerCode: string): Promise<StageAssignment | undefined> {
    return this.assignments.get(customerCode);
  }

  async save(
    change: StageAssignmentChange,
    expectedVersion: number,
    audit: MigrationAuditEntry,
  ): Promise<StageAssignment> {
    const actual = this.assignments.get(change.customerCode)?.version ?? 0;
    if (actual !== expectedVersion)
      throw new StageAssignmentConflictError(change.customerCode, expectedVersion);
    const saved = stageAssignmentSchema.parse({ ...change, version: actual + 1, updatedAt: this.now() });
    this.assignments.set(change.customerCode, saved);
    this.saves += 1;
    await this.audit.append(audit);
    return saved;
  }
}
