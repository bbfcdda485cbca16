import type pg from "pg";
import { insertStatement, updateStatement } from "../adapters/legacy-transaction.js";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { inAuditedLegacyTransaction, type LegacyAuditOutbox } from "../audit/legacy-audit-outbox.js";
import type { Customer } from "../domain/customer.js";
import { legacyClientColumns, legacyClientRowSchema } from "../legacy/legacy-rows.js";
import { clientRowToCustomer, customerToClientRow } from "../legacy/mapping/client-mapping.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { legacyEtag } from "../shared/record-etag.js";
import type { CustomerSide, Versioned } from "./customer-store.js";

const selectClient = `SELECT ${legacyClientColumns.join(", ")} FROM clients WHERE client_code = $1`;

export function versionedFromClientRow(row: unknown): Versioned<Customer> {
  const { customer } = clientRowToCustomer(legacyClientRowSchema.parse(row));
  return { value: customer, etag: legacyEtag(customer) };
}

/**
 * Customers in the vendor's `clients` table. Writes are plain SQL transactions with their audit
 * entry; the sync's triggers capture them, so nothing here writes a change table.
 */
export class LegacyCustomerSide implements CustomerSide {
  constructor(
    private readonly pool: pg.Pool,
    private readonly audit: LegacyAuditOutbox,
  ) {}

  async get(code: string): Promise<Versioned<Customer> | undefined> {
    const result = await this.pool.query(selectClient, [code]);
    return result.rows[0] ? versionedFromClientRow(result.rows[0]) : undefined;
  }

  create(customer: Customer, draft: AuditDraft): Promise<Versioned<Customer>> {
    return inAuditedLegacyTransaction(this.pool, this.audit, async (client) => {
      const insert = insertStatement("clients", customerToClientRow(customer));
      const inserted = await client.query(insert.text, insert.values);
      if (inserted.rowCount === 0) throw new ConflictError(`Customer ${customer.code} already exists.`);
      const stored = versionedFromClientRow((await client.query(selectClient, [customer.code])).rows[0]);
      return { result: stored, audit: completeAudit(draft, null, stored.value) };
    });
  }

  update(
    code: string,
    precondition: Precondition,
    change: (current: Customer) => Customer,
    draft: AuditDraft,
  ) {
    return inAuditedLegacyTransaction(this.pool, this.audit, async (client) => {
      // FOR UPDATE: the row stays locked from the ETag check to the commit.
      const current = await client.query(`${selectClient} FOR UPDATE`, [code]);
      if (!current.rows[0]) throw new NotFoundError(`No customer ${code}.`);
      const before = versionedFromClientRow(current.rows[0]);
      assertPrecondition(precondition, before.etag);
      const statement = updateStatement("clients", "client_code", customerToClientRow(change(before.value)));
      await client.query(statement.text, statement.values);
      const after = versionedFromClientRow((await client.query(selectClient, [code])).rows[0]);
      return {
        result: { before: before.value, after },
        audit: completeAudit(draft, before.value, after.value),
      };
    });
  }
}
