import { type Firestore, Timestamp } from "firebase-admin/firestore";
import type pg from "pg";
import type { LastVerification, VerificationPort } from "../../migration/migration-ports.js";
import { selectRows } from "../apply/legacy-records.js";
import { columnsOf, domainToRow } from "../apply/record-rows.js";
import type { SyncEntity } from "../change-message.js";
import type { FlatRow, LegacyValue } from "../ledger/sync-ledger.js";

export const verificationsCollection = "syncVerifications";

export interface Mismatch {
  entity: SyncEntity;
  key: string;
  /** A column, or "*" when the record exists on one side only. */
  field: string;
  legacy: LegacyValue | "(missing)";
  new: LegacyValue | "(missing)";
}

export interface VerificationResult {
  customerCode: string;
  equal: boolean;
  mismatches: Mismatch[];
  verifiedAt: Date;
}

/**
 * Compares every synced field of a customer and its orders on both sides in legacy-row column
 * space and records the result in `syncVerifications/{customerCode}`.
 */
export class SyncVerifier implements VerificationPort {
  constructor(
    private readonly db: Firestore,
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async verifyCustomer(customerCode: string): Promise<VerificationResult> {
    const [legacy, fresh] = await Promise.all([this.legacyRows(customerCode), this.newRows(customerCode)]);
    const mismatches = [
      ...compareRecords("customer", legacy.customer, fresh.customer),
      ...compareRecords("order", legacy.orders, fresh.orders),
    ];
    const result = { customerCode, equal: mismatches.length === 0, mismatches, verifiedAt: this.now() };
    await this.db
      .collection(verificationsCollection)
      .doc(customerCode)
      .set({
        ...result,
        mismatches: mismatches.slice(0, 200),
        verifiedAt: Timestamp.fromDate(result.verifiedAt),
      });
    return result;
  }

  async verifyMany(customerCodes: readonly string[], concurrency = 8): Promise<VerificationResult[]> {
    const results: VerificationResult[] = [];
    const queue = [...customerCodes];
    const worker = async () => {
      for (let code = queue.shift(); code !== undefined; code = queue.shift())
        results.push(await this.verifyCustomer(code));
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  }

  /** Every customer known on either side. */
  async verifyAll(): Promise<VerificationResult[]> {
    const legacy = await this.pool.query("SELECT client_code FROM clients");
    const fresh = await this.db.collection("customers").select().get();
    const codes = new Set([
      ...legacy.rows.map((row: { client_code: string }) => row.client_code),
      ...fresh.docs.map((doc) => doc.id),
    ]);
    return this.verifyMany([...codes].sort());
  }

  async lastVerification(customerCode: string): Promise<LastVerification | undefined> {
    const doc = await this.db.collection(verificationsCollection).doc(customerCode).get();
    const verifiedAt: unknown = doc.get("verifiedAt");
    if (!doc.exists || !(verifiedAt instanceof Timestamp)) return undefined;
    return { equal: doc.get("equal") === true, verifiedAt: verifiedAt.toDate() };
  }

  private async legacyRows(
    code: string,
  ): Promise<{ customer: Map<string, FlatRow>; orders: Map<string, FlatRow> }> {
    const client = await this.pool.connect();
    try {
      const customers = await selectRows(client, "customer", code);
      const orders = await selectRows(client, "order", code);
      return { customer: byKey(customers, "client_code"), orders: byKey(orders, "delivery_no") };
    } finally {
      client.release();
    }
  }

  private async newRows(
    code: string,
  ): Promise<{ customer: Map<string, FlatRow>; orders: Map<string, FlatRow> }> {
    const customer = await this.db.collection("customers").doc(code).get();
    const orders = await this.db.collection("orders").where("data.customerCode", "==", code).get();
    return {
      customer: new Map(customer.exists ? [[code, domainToRow("customer", customer.get("data"))]] : []),
      orders: new Map(orders.docs.map((doc) => [doc.id, domainToRow("order", doc.get("data"))])),
    };
  }
}

function byKey(rows: FlatRow[], column: string): Map<string, FlatRow> {
  return new Map(rows.map((row) => [String(row[column]), row]));
}

export function compareRecords(
  entity: SyncEntity,
  legacy: Map<string, FlatRow>,
  fresh: Map<string, FlatRow>,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const key of new Set([...legacy.keys(), ...fresh.keys()])) {
    const left = legacy.get(key);
    const right = fresh.get(key);
    if (!left || !right) {
      mismatches.push({
        entity,
        key,
        field: "*",
        legacy: left ? key : "(missing)",
        new: right ? key : "(missing)",
      });
      continue;
    }
    for (const column of columnsOf[entity]) {
      const a = left[column] ?? null;
      const b = right[column] ?? null;
      if (a !== b) mismatches.push({ entity, key, field: column, legacy: a, new: b });
    }
  }
  return mismatches;
}
