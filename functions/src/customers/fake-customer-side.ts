import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { FakeAuditLog } from "../audit/fake-audit-log.js";
import type { Customer } from "../domain/customer.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { versionEtag } from "../shared/record-etag.js";
import type { CustomerSide, Versioned } from "./customer-store.js";

/**
 * In-memory CustomerSide for unit tests: versions count writes like the Firestore side, and each
 * write hands its completed audit entry to `audit` as the real sides commit it with the write.
 */
export class FakeCustomerSide implements CustomerSide {
  readonly records = new Map<string, { customer: Customer; version: number }>();

  constructor(private readonly audit: FakeAuditLog = new FakeAuditLog()) {}

  async get(code: string): Promise<Versioned<Customer> | undefined> {
    const record = this.records.get(code);
    return record && { value: structuredClone(record.customer), etag: versionEtag(record.version) };
  }

  async create(customer: Customer, draft: AuditDraft): Promise<Versioned<Customer>> {
    if (this.records.has(customer.code)) throw new ConflictError(`Customer ${customer.code} already exists.`);
    this.records.set(customer.code, { customer: structuredClone(customer), version: 1 });
    await this.audit.record(completeAudit(draft, null, customer));
    return { value: customer, etag: versionEtag(1) };
  }

  async update(
    code: string,
    precondition: Precondition,
    change: (current: Customer) => Customer,
    draft: AuditDraft,
  ) {
    const record = this.records.get(code);
    if (!record) throw new NotFoundError(`No customer ${code}.`);
    assertPrecondition(precondition, versionEtag(record.version));
    const after = change(structuredClone(record.customer));
    this.records.set(code, { customer: after, version: record.version + 1 });
    await this.audit.record(completeAudit(draft, record.customer, after));
    return { before: record.customer, after: { value: after, etag: versionEtag(record.version + 1) } };
  }
}
