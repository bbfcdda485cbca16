import type { Customer } from "../domain/customer.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { versionEtag } from "../shared/record-etag.js";
import type { CustomerSide, Versioned } from "./customer-store.js";

/** In-memory CustomerSide for unit tests: versions count writes like the Firestore side. */
export class FakeCustomerSide implements CustomerSide {
  readonly records = new Map<string, { customer: Customer; version: number }>();

  async get(code: string): Promise<Versioned<Customer> | undefined> {
    const record = this.records.get(code);
    return record && { value: structuredClone(record.customer), etag: versionEtag(record.version) };
  }

  async create(customer: Customer): Promise<Versioned<Customer>> {
    if (this.records.has(customer.code)) throw new ConflictError(`Customer ${customer.code} already exists.`);
    this.records.set(customer.code, { customer: structuredClone(customer), version: 1 });
    return { value: customer, etag: versionEtag(1) };
  }

  async update(code: string, precondition: Precondition, change: (current: Customer) => Customer) {
    const record = this.records.get(code);
    if (!record) throw new NotFoundError(`No customer ${code}.`);
    assertPrecondition(precondition, versionEtag(record.version));
    const after = change(structuredClone(record.customer));
    this.records.set(code, { customer: after, version: record.version + 1 });
    return { before: record.customer, after: { value: after, etag: versionEtag(record.version + 1) } };
  }
}
