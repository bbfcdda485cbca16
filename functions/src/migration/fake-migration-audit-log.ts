import {
  type MigrationAuditEntry,
  type MigrationAuditLog,
  migrationAuditEntrySchema,
} from "./migration-audit-log.js";

/** In-memory MigrationAuditLog for unit tests. */
export class FakeMigrationAuditLog implements MigrationAuditLog {
  readonly entries: MigrationAuditEntry[] = [];

  async append(entry: MigrationAuditEntry): Promise<void> {
    this.entries.push(migrationAuditEntrySchema.parse(entry));
  }

  async listFor(customerCode: string): Promise<MigrationAuditEntry[]> {
    return this.entries.filter((entry) => entry.customerCode === customerCode);
  }
}
