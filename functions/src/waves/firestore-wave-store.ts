import { type DocumentData, FieldPath, type Firestore, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { auditCollection, auditDocument } from "../audit/firestore-audit-log.js";
import { migrationStageSchema } from "../domain/customer.js";
import { WaveStateError, WaveVersionConflictError } from "./wave-errors.js";
import type { WaveCustomer, WaveRecord } from "./wave-record.js";
import type { WaveChange, WaveStore } from "./wave-store.js";

export const wavesCollection = "waves";
const leasesCollection = "waveLeases";
const chunk = 400;

const date = z.union([z.instanceof(Timestamp).transform((value) => value.toDate()), z.null()]);
const waveSchema = z.object({
  id: z.string(),
  cohortId: z.string(),
  createdAt: z.instanceof(Timestamp).transform((value) => value.toDate()),
  createdBy: z.object({ uid: z.string(), email: z.string().nullable() }),
  reason: z.string(),
  stage: migrationStageSchema,
  target: migrationStageSchema.nullable(),
  direction: z.enum(["advance", "rollback"]).nullable(),
  status: z.enum(["idle", "running", "paused", "failed"]),
  failure: z.string().nullable(),
  gates: z.array(z.object({ gate: z.string(), passed: z.boolean(), detail: z.string() })),
  progress: z.object({ done: z.int(), total: z.int(), startedAt: date }),
  version: z.int(),
});
const customerSchema = z.object({
  customerCode: z.string(),
  stage: migrationStageSchema,
  outcome: z.enum(["pending", "moved", "failed"]),
  detail: z.string().nullable(),
  updatedAt: z.instanceof(Timestamp).transform((value) => value.toDate()),
});

/** Dates as Timestamps, undefined dropped: what Firestore stores. */
function stored(value: object): DocumentData {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key, field instanceof Date ? Timestamp.fromDate(field) : storedNested(field)]),
  );
}

function storedNested(field: unknown): unknown {
  if (Array.isArray(field)) return field.map(storedNested);
  if (field instanceof Date) return Timestamp.fromDate(field);
  return field !== null && typeof field === "object" ? stored(field) : field;
}

/** WaveStore on Firestore: `waves/{id}`, `waves/{id}/customers/{code}`, `waveLeases/{id}`. */
export class FirestoreWaveStore implements WaveStore {
  constructor(private readonly db: Firestore) {}

  async create(wave: WaveRecord, customers: readonly WaveCustomer[], audit: AuditDraft): Promise<void> {
    const ref = this.waveRef(wave.id);
    await this.db.runTransaction(async (tx) => {
      const existing = await tx.get(
        this.db.collection(wavesCollection).where("cohortId", "==", wave.cohortId).limit(1),
      );
      if (!existing.empty)
        throw new WaveStateError(`Cohort ${wave.cohortId} already has wave ${existing.docs[0]?.id}.`);
      tx.create(ref, stored(wave));
      tx.set(
        this.db.collection(auditCollection).doc(),
        auditDocument(completeAudit(audit, null, { ...wave })),
      );
    });
    await this.recordCustomers(wave.id, customers);
  }

  async get(id: string): Promise<WaveRecord | undefined> {
    const snapshot = await this.waveRef(id).get();
    return snapshot.exists ? waveSchema.parse(snapshot.data()) : undefined;
  }

  async list(): Promise<WaveRecord[]> {
    const snapshot = await this.db.collection(wavesCollection).orderBy(FieldPath.documentId()).get();
    return snapshot.docs.map((doc) => waveSchema.parse(doc.data()));
  }

  update(id: string, expectedVersion: number, change: WaveChange, audit?: AuditDraft): Promise<WaveRecord> {
    const ref = this.waveRef(id);
    return this.db.runTransaction(async (tx) => {
      const current = waveSchema.parse((await tx.get(ref)).data());
      if (current.version !== expectedVersion) throw new WaveVersionConflictError(id, expectedVersion);
      const next: WaveRecord = { ...current, ...change, version: current.version + 1 };
      tx.set(ref, stored(next));
      if (audit)
        tx.set(this.db.collection(auditCollection).doc(), auditDocument(completeAudit(audit, current, next)));
      return next;
    });
  }

  async customers(id: string, pageSize: number, after: string | undefined) {
    let query = this.waveRef(id).collection("customers").orderBy(FieldPath.documentId()).limit(pageSize);
    if (after !== undefined) query = query.startAfter(after);
    const items = (await query.get()).docs.map((doc) => customerSchema.parse(doc.data()));
    return { items, lastCode: items.length === pageSize ? items.at(-1)?.customerCode : undefined };
  }

  async allCustomers(id: string): Promise<WaveCustomer[]> {
    const snapshot = await this.waveRef(id).collection("customers").get();
    return snapshot.docs.map((doc) => customerSchema.parse(doc.data()));
  }

  async recordCustomers(id: string, customers: readonly WaveCustomer[]): Promise<void> {
    for (let start = 0; start < customers.length; start += chunk) {
      const batch = this.db.batch();
      for (const customer of customers.slice(start, start + chunk))
        batch.set(this.waveRef(id).collection("customers").doc(customer.customerCode), stored(customer));
      await batch.commit();
    }
  }

  lease(id: string, holder: string, untilMs: number, nowMs: number): Promise<boolean> {
    const ref = this.db.collection(leasesCollection).doc(id);
    return this.db.runTransaction(async (tx) => {
      const current = await tx.get(ref);
      const live =
        current.exists && (current.get("until") as number) > nowMs && current.get("holder") !== holder;
      if (live) return false;
      tx.set(ref, { holder, until: untilMs });
      return true;
    });
  }

  async release(id: string, holder: string): Promise<void> {
    const ref = this.db.collection(leasesCollection).doc(id);
    await this.db.runTransaction(async (tx) => {
      const current = await tx.get(ref);
      if (current.exists && current.get("holder") === holder) tx.delete(ref);
    });
  }

  async leased(id: string, nowMs: number): Promise<boolean> {
    const current = await this.db.collection(leasesCollection).doc(id).get();
    return current.exists && (current.get("until") as number) > nowMs;
  }

  private waveRef(id: string) {
    return this.db.collection(wavesCollection).doc(id);
  }
}
