import type { Firestore } from "firebase-admin/firestore";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { addAuditEntry } from "../audit/firestore-audit-log.js";
import { type Customer, customerSchema } from "../domain/customer.js";
import { assertWritesNotHeld } from "../migration/write-hold.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import type { Precondition } from "../shared/precondition.js";
import { assertPrecondition } from "../shared/precondition.js";
import { versionEtag } from "../shared/record-etag.js";
import { readRecordInTransaction, recordRef, writeRecordInTransaction } from "../sync/firestore-records.js";
import type { CustomerSide, Versioned } from "./customer-store.js";

/** Firestore refuses `undefined`; the domain objects may carry optional keys set to it. */
export function storable<T>(value: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function versioned(snapshot: FirebaseFirestore.DocumentSnapshot): Versioned<Customer> | undefined {
  if (!snapshot.exists) return undefined;
  const version = snapshot.get("version") as number;
  return { value: customerSchema.parse(snapshot.get("data")), etag: versionEtag(version) };
}

/** Customers in the new system: `customers/{code}` records written with their outbox entry. */
export class FirestoreCustomerSide implements CustomerSide {
  constructor(private readonly db: Firestore) {}

  async get(code: string): Promise<Versioned<Customer> | undefined> {
    return versioned(await recordRef(this.db, "customer", code).get());
  }

  create(customer: Customer, audit: AuditDraft): Promise<Versioned<Customer>> {
    return this.db.runTransaction(async (tx) => {
      await assertWritesNotHeld(this.db, tx, customer.code);
      const { record, previousVersion } = await readRecordInTransaction(
        this.db,
        tx,
        "customer",
        customer.code,
      );
      if (record.exists) throw new ConflictError(`Customer ${customer.code} already exists.`);
      const version = writeRecordInTransaction(this.db, tx, {
        entity: "customer",
        key: customer.code,
        customerCode: customer.code,
        data: storable(customer),
        previousVersion, // above a deleted predecessor's, if the code was used before
        previous: record,
        origin: "api",
        updatedBy: audit.who.uid,
      });
      addAuditEntry(this.db, tx, completeAudit(audit, null, customer));
      return { value: customer, etag: versionEtag(version) };
    });
  }

  update(
    code: string,
    precondition: Precondition,
    change: (current: Customer) => Customer,
    audit: AuditDraft,
  ) {
    const ref = recordRef(this.db, "customer", code);
    return this.db.runTransaction(async (tx) => {
      await assertWritesNotHeld(this.db, tx, code);
      const snapshot = await tx.get(ref);
      const before = versioned(snapshot);
      if (!before) throw new NotFoundError(`No customer ${code}.`);
      assertPrecondition(precondition, before.etag);
      const after = change(before.value);
      const version = writeRecordInTransaction(this.db, tx, {
        entity: "customer",
        key: code,
        customerCode: code,
        data: storable(after),
        previousVersion: snapshot.get("version") as number,
        previous: snapshot,
        origin: "api",
        updatedBy: audit.who.uid,
      });
      addAuditEntry(this.db, tx, completeAudit(audit, before.value, after));
      return { before: before.value, after: { value: after, etag: versionEtag(version) } };
    });
  }
}
