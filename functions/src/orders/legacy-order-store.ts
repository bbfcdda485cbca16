import type pg from "pg";
import { insertStatement, updateStatement } from "../adapters/legacy-transaction.js";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { inAuditedLegacyTransaction, type LegacyAuditOutbox } from "../audit/legacy-audit-outbox.js";
import type { Versioned } from "../customers/customer-store.js";
import type { Order } from "../domain/order.js";
import { legacyDeliveryColumns, legacyDeliveryRowSchema } from "../legacy/legacy-rows.js";
import { classifyDeliveryRow } from "../legacy/mapping/classify.js";
import { deliveryRowToOrder, orderToDeliveryRow } from "../legacy/mapping/delivery-mapping.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { legacyEtag } from "../shared/record-etag.js";
import { deliveryNo, deliveryNoPrefix } from "./order-edits.js";
import type { NewOrder, OrderPage, OrderSide } from "./order-store.js";

const columns = legacyDeliveryColumns.join(", ");
const selectDelivery = `SELECT ${columns} FROM deliveries WHERE delivery_no = $1`;

function versioned(row: unknown): Versioned<Order> {
  const { order } = deliveryRowToOrder(legacyDeliveryRowSchema.parse(row));
  return { value: order, etag: legacyEtag(order) };
}

/** Orders in the vendor's `deliveries` table; the sync's triggers capture every write. */
export class LegacyOrderSide implements OrderSide {
  constructor(
    private readonly pool: pg.Pool,
    private readonly audit: LegacyAuditOutbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(id: string): Promise<Versioned<Order> | undefined> {
    const result = await this.pool.query(selectDelivery, [id]);
    return result.rows[0] ? versioned(result.rows[0]) : undefined;
  }

  async listForCustomer(customerCode: string, pageSize: number, before?: string): Promise<OrderPage> {
    const result = await this.pool.query(
      `SELECT ${columns} FROM deliveries WHERE client_code = $1 AND ($2::text IS NULL OR delivery_no < $2)
       ORDER BY delivery_no DESC LIMIT $3`,
      [customerCode, before ?? null, pageSize],
    );
    const rows = result.rows as { delivery_no: string }[];
    // A row the mapping refuses (unknown status) is left out rather than failing the whole page.
    const items = rows.flatMap((row) => {
      const classified = classifyDeliveryRow(row, () => true);
      return classified.outcome === "rejected" ? [] : [classified.record];
    });
    return { items, lastId: rows.length === pageSize ? rows.at(-1)?.delivery_no : undefined };
  }

  create(order: NewOrder, draft: AuditDraft): Promise<Versioned<Order>> {
    return inAuditedLegacyTransaction(this.pool, this.audit, async (client) => {
      const customer = await client.query("SELECT 1 FROM clients WHERE client_code = $1 FOR SHARE", [
        order.customerCode,
      ]);
      if (customer.rowCount === 0) throw new NotFoundError(`No customer ${order.customerCode}.`);
      const prefix = deliveryNoPrefix(this.now());
      // Serialises numbering of concurrent creates until commit.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('deliveries:' || $1))", [prefix]);
      const last = await client.query(
        "SELECT max(delivery_no) AS last FROM deliveries WHERE delivery_no LIKE $1 || '____' AND delivery_no ~ '^D[0-9]{11}$'",
        [prefix],
      );
      const lastNo = (last.rows[0] as { last: string | null }).last;
      const id = deliveryNo(prefix, lastNo === null ? 1 : Number(lastNo.slice(-4)) + 1);
      const insert = insertStatement("deliveries", orderToDeliveryRow({ ...order, id }));
      // The vendor application numbers outside our advisory lock: if it took this number first,
      // refuse (409, retry) rather than hand back its order as if it were the one created here.
      const inserted = await client.query(insert.text, insert.values);
      if (inserted.rowCount === 0) throw new ConflictError(`Order number ${id} was just taken; retry.`);
      const created = versioned((await client.query(selectDelivery, [id])).rows[0]);
      return { result: created, audit: completeAudit({ ...draft, key: id }, null, created.value) };
    });
  }

  update(id: string, precondition: Precondition, change: (current: Order) => Order, draft: AuditDraft) {
    return inAuditedLegacyTransaction(this.pool, this.audit, async (client) => {
      const current = await client.query(`${selectDelivery} FOR UPDATE`, [id]);
      if (!current.rows[0]) throw new NotFoundError(`No order ${id}.`);
      const before = versioned(current.rows[0]);
      assertPrecondition(precondition, before.etag);
      const statement = updateStatement(
        "deliveries",
        "delivery_no",
        orderToDeliveryRow(change(before.value)),
      );
      await client.query(statement.text, statement.values);
      const after = versioned((await client.query(selectDelivery, [id])).rows[0]);
      return {
        result: { before: before.value, after },
        audit: completeAudit(draft, before.value, after.value),
      };
    });
  }
}
