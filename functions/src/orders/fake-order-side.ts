import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { FakeAuditLog } from "../audit/fake-audit-log.js";
import type { Versioned } from "../customers/customer-store.js";
import type { Order } from "../domain/order.js";
import { NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { versionEtag } from "../shared/record-etag.js";
import type { NewOrder, OrderPage, OrderSide } from "./order-store.js";

/** In-memory OrderSide for unit tests; numbers orders D11501010001, D11501010002, … */
export class FakeOrderSide implements OrderSide {
  readonly records = new Map<string, { order: Order; version: number }>();

  /** Each write hands its completed audit entry to `audit`, as the real sides commit it with the write. */
  constructor(private readonly audit: FakeAuditLog = new FakeAuditLog()) {}

  async get(id: string): Promise<Versioned<Order> | undefined> {
    const record = this.records.get(id);
    return record && { value: structuredClone(record.order), etag: versionEtag(record.version) };
  }

  async listForCustomer(customerCode: string, pageSize: number, before?: string): Promise<OrderPage> {
    const ids = [...this.records.keys()]
      .filter(
        (id) =>
          this.records.get(id)?.order.customerCode === customerCode && (before === undefined || id < before),
      )
      .sort()
      .reverse()
      .slice(0, pageSize);
    const items = ids.flatMap((id) => {
      const record = this.records.get(id);
      return record ? [record.order] : [];
    });
    return { items, lastId: items.length === pageSize ? ids.at(-1) : undefined };
  }

  async create(order: NewOrder, draft: AuditDraft): Promise<Versioned<Order>> {
    const id = `D1150101${String(this.records.size + 1).padStart(4, "0")}`;
    const created = { ...order, id };
    this.records.set(id, { order: created, version: 1 });
    await this.audit.record(completeAudit({ ...draft, key: id }, null, created));
    return { value: created, etag: versionEtag(1) };
  }

  async update(id: string, precondition: Precondition, change: (current: Order) => Order, draft: AuditDraft) {
    const record = this.records.get(id);
    if (!record) throw new NotFoundError(`No order ${id}.`);
    assertPrecondition(precondition, versionEtag(record.version));
    const after = change(structuredClone(record.order));
    this.records.set(id, { order: after, version: record.version + 1 });
    await this.audit.record(completeAudit(draft, record.order, after));
    return { before: record.order, after: { value: after, etag: versionEtag(record.version + 1) } };
  }
}
