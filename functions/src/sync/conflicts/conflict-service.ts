import type { Firestore, Transaction } from "firebase-admin/firestore";
import type pg from "pg";
import type { z } from "zod";
import { type AuditContext, auditDraft, completeAudit } from "../../audit/audit-draft.js";
import { addAuditEntry } from "../../audit/firestore-audit-log.js";
import { legacyClientRowSchema, legacyDeliveryRowSchema } from "../../legacy/legacy-rows.js";
import { sameValue } from "../../legacy/mapping/same-value.js";
import { ConflictError, NotFoundError, ValidationError } from "../../shared/errors.js";
import type { LegacyGateway } from "../apply/legacy-gateway.js";
import { latestCapturedId, selectRowForUpdate, upsertRow } from "../apply/legacy-records.js";
import { domainToRow, firestoreSafe, rowToDomain } from "../apply/record-rows.js";
import { recordRef, writeRecordInTransaction } from "../firestore-records.js";
import type { LegacyValue } from "../ledger/sync-ledger.js";
import { assertLeaseFree, readLedgerInTransaction, writeLedgerInTransaction } from "../ledger/sync-ledger.js";
import {
  type ConflictRecord,
  conflictRecordSchema,
  conflictsCollection,
  type ResolveBody,
} from "./conflict-record.js";

/**
 * Lists conflicts and resolves one: the chosen value is written to BOTH sides with sync origin
 * (legacy first, then Firestore record + ledger base + conflict status in one transaction), and
 * audited. A side whose field a person changed after the conflict was recorded keeps that later
 * edit, which then replicates over the decision (the fault test found a resolution overwriting it).
 */
export class ConflictService {
  constructor(
    private readonly db: Firestore,
    private readonly legacy: LegacyGateway,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(status?: "open" | "resolved"): Promise<ConflictRecord[]> {
    const collection = this.db.collection(conflictsCollection);
    const query = status ? collection.where("status", "==", status) : collection;
    const snapshot = await query.limit(500).get();
    return snapshot.docs.map((doc) => conflictRecordSchema.parse(doc.data()));
  }

  async get(id: string): Promise<ConflictRecord> {
    const doc = await this.db.collection(conflictsCollection).doc(id).get();
    if (!doc.exists) throw new NotFoundError(`No sync conflict ${id}.`);
    return conflictRecordSchema.parse(doc.data());
  }

  private takeLease(conflict: ConflictRecord, holder: string): Promise<void> {
    return takeLeaseIn(this.db, conflict, holder, this.now().getTime());
  }

  async resolve(id: string, body: ResolveBody, context: AuditContext): Promise<ConflictRecord> {
    const { principal } = context;
    const conflict = await this.get(id);
    if (conflict.status !== "open") throw new ConflictError(`Sync conflict ${id} is already resolved.`);
    const column = conflict.fields[0] as string;
    const value = chosenValue(conflict, column, body);
    const holder = `resolve:${id}:${this.now().getTime()}`;
    await this.takeLease(conflict, holder);
    const legacyBelow = await this.legacy.inSyncTransaction((client) =>
      decideLegacy(client, conflict, column, value),
    );
    const resolved: ConflictRecord = {
      ...conflict,
      status: "resolved",
      resolvedAt: this.now().toISOString(),
      resolvedBy: principal.uid,
      resolution: value,
    };
    await this.db.runTransaction(async (tx) => {
      const ledger = await readLedgerInTransaction(this.db, tx, conflict);
      const newBelow = await decideNew(this.db, tx, conflict, column, value, principal.uid);
      // Both sides' losing values may still be in flight: ignore them when they arrive.
      const superseded = {
        legacy: {
          ...ledger.superseded.legacy,
          [column]: { value: conflict.legacy[column] ?? null, belowVersion: legacyBelow },
        },
        new: {
          ...ledger.superseded.new,
          [column]: { value: conflict.new[column] ?? null, belowVersion: newBelow },
        },
      };
      writeLedgerInTransaction(this.db, tx, {
        ...ledger,
        base: { ...(ledger.base ?? {}), [column]: value },
        superseded,
        lease: null,
      });
      tx.set(this.db.collection(conflictsCollection).doc(id), resolved);
      const draft = auditDraft(
        { ...context, reason: body.reason },
        { action: "resolve", entity: "conflict", key: id },
        this.now(),
      );
      addAuditEntry(
        this.db,
        tx,
        completeAudit(
          draft,
          { status: "open", legacy: conflict.legacy, new: conflict.new },
          {
            status: "resolved",
            customerCode: conflict.customerCode,
            field: column,
            choose: body.choose,
            value,
          },
        ),
      );
    });
    return resolved;
  }
}

/**
 * Writes the decision to the vendor row, unless the vendor edited the field since the conflict
 * was recorded: that edit is newer than the decision and stands (its captured change still
 * reaches Firestore). Returns the capture id below which legacy's changes are stale for the field.
 */
async function decideLegacy(
  client: pg.PoolClient,
  conflict: ConflictRecord,
  column: string,
  value: LegacyValue,
): Promise<number> {
  const row = await selectRowForUpdate(client, conflict.entity, conflict.key);
  const latest = await latestCapturedId(client, conflict.entity, conflict.key);
  if (row && !sameValue(row[column] ?? null, conflict.legacy[column] ?? null)) return latest;
  if (row) await upsertRow(client, conflict.entity, { ...row, [column]: value });
  return latest + 1;
}

/**
 * Writes the decision to the Firestore record (sync origin), unless a person edited the field
 * there since the conflict was recorded: that edit stands and its outbox change still reaches
 * legacy. Returns the version below which the new side's changes are stale for the field.
 */
async function decideNew(
  db: Firestore,
  tx: Transaction,
  conflict: ConflictRecord,
  column: string,
  value: LegacyValue,
  uid: string,
): Promise<number> {
  const record = await tx.get(recordRef(db, conflict.entity, conflict.key));
  if (!record.exists) return 0;
  const version = record.get("version") as number;
  const current = domainToRow(conflict.entity, record.get("data"));
  if (!sameValue(current[column] ?? null, conflict.new[column] ?? null)) return version;
  const row = { ...current, [column]: value };
  const data = firestoreSafe(rowToDomain(conflict.entity, row, record.get("data")));
  return writeRecordInTransaction(db, tx, {
    entity: conflict.entity,
    key: conflict.key,
    customerCode: conflict.customerCode,
    data: data as unknown as Record<string, unknown>,
    previousVersion: version,
    previous: record,
    origin: "sync",
    updatedBy: `conflict:${uid}`,
  });
}

/** The same lease syncApplyToLegacy takes: no apply decides about the record while both sides are written. */
async function takeLeaseIn(
  db: Firestore,
  conflict: ConflictRecord,
  holder: string,
  now: number,
): Promise<void> {
  await db.runTransaction(async (tx) => {
    const ledger = await readLedgerInTransaction(db, tx, conflict);
    assertLeaseFree(ledger, holder, now);
    writeLedgerInTransaction(db, tx, { ...ledger, lease: { holder, until: now + 15_000 } });
  });
}

function chosenValue(conflict: ConflictRecord, column: string, body: ResolveBody): LegacyValue {
  if (body.choose === "legacy") return conflict.legacy[column] ?? null;
  if (body.choose === "new") return conflict.new[column] ?? null;
  const shape: Record<string, z.ZodType> =
    conflict.entity === "customer" ? legacyClientRowSchema.shape : legacyDeliveryRowSchema.shape;
  const valid = shape[column]?.safeParse(body.value);
  if (!valid?.success)
    throw new ValidationError(`value is not a valid ${column}`, [
      { path: "value", message: valid?.error.issues[0]?.message ?? "unknown column" },
    ]);
  return body.value;
}
