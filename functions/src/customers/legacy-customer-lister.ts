import type pg from "pg";
import type { Customer } from "../domain/customer.js";
import { deliveryAreaName } from "../domain/delivery-areas.js";
import { legacyClientColumns } from "../legacy/legacy-rows.js";
import { classifyClientRow } from "../legacy/mapping/classify.js";
import { recogniseInternational } from "../taiwan/phone-numbers.js";
import type { CustomerLister, CustomerListFilter, CustomerPage } from "./customer-store.js";

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The digits a phone search matches: phones are typed with hyphens, dots and spaces, and with +886
 * for the trunk 0 (+886 912-345-678 finds 0912-345-678). Anything else matches no phone's digits.
 */
function searchDigits(q: string): string {
  const international = recogniseInternational(q);
  if (international) return international.national;
  return /^[\d\s().-]+$/.test(q) ? q.replace(/\D/g, "") : "\u0001";
}

/** SQL narrows the scan; the exact area/type decision is made on the mapped customer. */
function whereClause(filter: CustomerListFilter, after: string | undefined) {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(sql(`$${values.length}`));
  };
  if (after !== undefined) add((p) => `client_code > ${p}`, after);
  if (filter.q) {
    const digits = searchDigits(filter.q);
    add(
      (p) =>
        `(short_name ILIKE ${p} OR client_code ILIKE ${p} OR phone ILIKE ${p} OR regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') LIKE $${values.length + 1})`,
      likePattern(filter.q),
    );
    values.push(likePattern(digits));
  }
  if (filter.area) {
    const name = deliveryAreaName(filter.area) ?? filter.area;
    add(
      (p) => `(upper(ltrim(area)) LIKE ${p} || '%' OR area LIKE '%' || $${values.length + 1} || '%')`,
      filter.area,
    );
    values.push(name);
  }
  if (filter.includeCodes) add((p) => `client_code = ANY(${p})`, filter.includeCodes);
  if (filter.excludeCodes?.length) add((p) => `client_code <> ALL(${p})`, filter.excludeCodes);
  return { where: conditions.length ? `WHERE ${conditions.join(" AND ")}` : "", values };
}

function matches(customer: Customer, filter: CustomerListFilter): boolean {
  if (filter.area && customer.area.code !== filter.area) return false;
  if (filter.type && customer.customerType !== filter.type) return false;
  return true;
}

/** Keyset-paginated customer list over the vendor's `clients` table, ordered by code. */
export class LegacyCustomerLister implements CustomerLister {
  constructor(
    private readonly pool: pg.Pool,
    /** Rows read per round trip while filling one page. */
    private readonly batchSize = 200,
  ) {}

  async list(filter: CustomerListFilter): Promise<CustomerPage> {
    const items: Customer[] = [];
    let after = filter.after;
    for (;;) {
      const { where, values } = whereClause(filter, after);
      const limit = Math.max(this.batchSize, filter.pageSize);
      const result = await this.pool.query(
        `SELECT ${legacyClientColumns.join(", ")} FROM clients ${where} ORDER BY client_code LIMIT ${limit}`,
        values,
      );
      for (const row of result.rows as { client_code: string }[]) {
        after = row.client_code;
        const classified = classifyClientRow(row);
        if (classified.outcome !== "rejected" && matches(classified.record, filter))
          items.push(classified.record);
        if (items.length === filter.pageSize) return { items, lastCode: after };
      }
      if (result.rows.length < limit) return { items };
    }
  }
}
