import {
  type AuditEntry,
  type AuditLog,
  type AuditPage,
  type AuditQuery,
  auditEntrySchema,
} from "./audit-log.js";

/** In-memory AuditLog for unit tests; stores hand it their entries as a transaction would. */
export class FakeAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(auditEntrySchema.parse(entry));
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const matching = this.entries
      .map((entry, index) => ({ entry, id: String(index).padStart(9, "0") }))
      .filter(({ entry }) => (query.entity ? entry.entity === query.entity : true))
      .filter(({ entry }) => (query.key ? entry.key === query.key : true))
      .filter(({ entry }) => (query.actor ? entry.who.uid === query.actor : true))
      .filter(({ entry }) => (query.from ? entry.when >= query.from : true))
      .filter(({ entry }) => (query.to ? entry.when < query.to : true))
      .sort((a, b) => b.entry.when.getTime() - a.entry.when.getTime() || b.id.localeCompare(a.id));
    const after = query.after;
    const start = after ? matching.findIndex((item) => item.id === after.id) + 1 : 0;
    const page = matching.slice(start, start + query.pageSize);
    const last = page.at(-1);
    return {
      items: page.map((item) => item.entry),
      last: page.length === query.pageSize && last ? { when: last.entry.when, id: last.id } : undefined,
    };
  }
}
