import { type AuditEntry, type AuditLog, type AuditQuery, auditEntrySchema } from "./audit-log.js";

export class FakeAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(auditEntrySchema.parse(entry));
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    return this.entries
      .filter((entry) => (query.entity ? entry.entity === query.entity : true))
      .filter((entry) => (query.key ? entry.key === query.key : true))
      .sort((a, b) => b.when.getTime() - a.when.getTime())
      .slice(0, query.limit);
  }
}
