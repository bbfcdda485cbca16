import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import type { AuditEntry } from "../audit/audit-log.js";
import { WaveStateError, WaveVersionConflictError } from "./wave-errors.js";
import type { WaveCustomer, WaveRecord } from "./wave-record.js";
import type { WaveChange, WaveStore } from "./wave-store.js";

/** WaveStore in memory, with the Firestore store's one-wave-per-cohort and version rules. */
export class FakeWaveStore implements WaveStore {
  readonly waves = new Map<string, WaveRecord>();
  readonly customersOf = new Map<string, Map<string, WaveCustomer>>();
  readonly audit: AuditEntry[] = [];
  private readonly leases = new Map<string, { holder: string; until: number }>();

  async create(wave: WaveRecord, customers: readonly WaveCustomer[], audit: AuditDraft): Promise<void> {
    const existing = [...this.waves.values()].find((other) => other.cohortId === wave.cohortId);
    if (existing) throw new WaveStateError(`Cohort ${wave.cohortId} already has wave ${existing.id}.`);
    this.waves.set(wave.id, structuredClone(wave));
    this.customersOf.set(
      wave.id,
      new Map(customers.map((customer) => [customer.customerCode, { ...customer }])),
    );
    this.audit.push(completeAudit(audit, null, wave));
  }

  async get(id: string): Promise<WaveRecord | undefined> {
    const found = this.waves.get(id);
    return found && structuredClone(found);
  }

  async list(): Promise<WaveRecord[]> {
    return [...this.waves.values()]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((wave) => structuredClone(wave));
  }

  async update(
    id: string,
    expectedVersion: number,
    change: WaveChange,
    audit?: AuditDraft,
  ): Promise<WaveRecord> {
    const current = this.waves.get(id);
    if (!current || current.version !== expectedVersion)
      throw new WaveVersionConflictError(id, expectedVersion);
    const next = { ...current, ...structuredClone(change), version: current.version + 1 };
    this.waves.set(id, next);
    if (audit) this.audit.push(completeAudit(audit, current, next));
    return structuredClone(next);
  }

  async customers(id: string, pageSize: number, after: string | undefined) {
    const items = (await this.allCustomers(id))
      .filter((customer) => after === undefined || customer.customerCode > after)
      .slice(0, pageSize);
    return { items, lastCode: items.length === pageSize ? items.at(-1)?.customerCode : undefined };
  }

  async allCustomers(id: string): Promise<WaveCustomer[]> {
    return [...(this.customersOf.get(id)?.values() ?? [])].sort((a, b) =>
      a.customerCode < b.customerCode ? -1 : 1,
    );
  }

  async recordCustomers(id: string, customers: readonly WaveCustomer[]): Promise<void> {
    const known = this.customersOf.get(id) ?? new Map<string, WaveCustomer>();
    for (const customer of customers) known.set(customer.customerCode, { ...customer });
    this.customersOf.set(id, known);
  }

  async lease(id: string, holder: string, untilMs: number, nowMs: number): Promise<boolean> {
    const current = this.leases.get(id);
    if (current && current.until > nowMs && current.holder !== holder) return false;
    this.leases.set(id, { holder, until: untilMs });
    return true;
  }

  async release(id: string, holder: string): Promise<void> {
    if (this.leases.get(id)?.holder === holder) this.leases.delete(id);
  }

  async leased(id: string, nowMs: number): Promise<boolean> {
    return (this.leases.get(id)?.until ?? 0) > nowMs;
  }
}
