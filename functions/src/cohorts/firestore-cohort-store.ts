import { type DocumentData, FieldPath, type Firestore, Timestamp } from "firebase-admin/firestore";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { auditCollection, auditDocument } from "../audit/firestore-audit-log.js";
import { CohortMembersTakenError } from "./cohort-errors.js";
import {
  type CohortMemberPage,
  type CohortMemberRecord,
  type CohortRecord,
  type CohortSummary,
  cohortMemberRecordSchema,
  type StoredCohort,
  summaryOf,
} from "./cohort-record.js";
import type { CohortStore } from "./cohort-store.js";
import { storedCohortSchema, storedCohortSummarySchema } from "./stored-cohort-schema.js";

export const cohortsCollection = "cohorts";
/** One document per claimed customer, keyed by code: the claim cannot be taken twice. */
export const cohortMembersCollection = "cohortMembers";
/** Claims per commit: well inside Firestore's limits on writes and request size per commit. */
const claimChunk = 400;

const alreadyExists = 6;

/**
 * CohortStore on Firestore. Creating claims every member with `create` (which fails on an
 * existing document) in chunks under a cohort marked `claiming`; a chunk that hits a claim of
 * another cohort releases what this one claimed. Only then is the cohort `ready` and audited.
 * A creation that dies half-way leaves a `claiming` cohort that keeps its claims (so nobody is
 * in two cohorts) and is listed as such.
 */
export class FirestoreCohortStore implements CohortStore {
  constructor(private readonly db: Firestore) {}

  async create(
    record: CohortRecord,
    members: readonly CohortMemberRecord[],
    audit: AuditDraft,
  ): Promise<void> {
    const ref = this.db.collection(cohortsCollection).doc(record.id);
    await ref.create({ ...toDocument(record), status: "claiming" });
    for (let start = 0; start < members.length; start += claimChunk) {
      const batch = this.db.batch();
      for (const member of members.slice(start, start + claimChunk))
        batch.create(this.memberRef(member.customerCode), member);
      try {
        await batch.commit();
      } catch (error) {
        if ((error as { code?: unknown }).code !== alreadyExists) throw error;
        throw await this.release(record.id, members);
      }
    }
    const done = this.db.batch();
    done.update(ref, { status: "ready" });
    const after = summaryOf({ ...record, status: "ready" });
    done.set(this.db.collection(auditCollection).doc(), auditDocument(completeAudit(audit, null, after)));
    await done.commit();
  }

  async get(id: string): Promise<StoredCohort | undefined> {
    const snapshot = await this.db.collection(cohortsCollection).doc(id).get();
    if (!snapshot.exists) return undefined;
    return storedCohortSchema.parse(snapshot.data());
  }

  async list(): Promise<CohortSummary[]> {
    const snapshot = await this.db
      .collection(cohortsCollection)
      .orderBy(FieldPath.documentId())
      .select("id", "createdAt", "createdBy", "reason", "outcome", "size", "status")
      .get();
    return snapshot.docs.map((doc) => storedCohortSummarySchema.parse(doc.data()));
  }

  async members(cohortId: string, pageSize: number, after: string | undefined): Promise<CohortMemberPage> {
    let query = this.db
      .collection(cohortMembersCollection)
      .where("cohortId", "==", cohortId)
      .orderBy(FieldPath.documentId())
      .limit(pageSize);
    if (after !== undefined) query = query.startAfter(after);
    const snapshot = await query.get();
    const items = snapshot.docs.map((doc) => cohortMemberRecordSchema.parse(doc.data()));
    return { items, lastCode: items.length === pageSize ? items.at(-1)?.customerCode : undefined };
  }

  async claimedCodes(): Promise<Set<string>> {
    const snapshot = await this.db.collection(cohortMembersCollection).select().get();
    return new Set(snapshot.docs.map((doc) => doc.id));
  }

  private memberRef(customerCode: string) {
    return this.db.collection(cohortMembersCollection).doc(customerCode);
  }

  /** Deletes this cohort's claims and the cohort; names the drawn customers others hold. */
  private async release(cohortId: string, members: readonly CohortMemberRecord[]): Promise<Error> {
    const refs = members.map((member) => this.memberRef(member.customerCode));
    const taken: string[] = [];
    const writer = this.db.bulkWriter();
    for (let start = 0; start < refs.length; start += claimChunk) {
      for (const snapshot of await this.db.getAll(...refs.slice(start, start + claimChunk))) {
        if (!snapshot.exists) continue;
        if (snapshot.get("cohortId") === cohortId) void writer.delete(snapshot.ref);
        else taken.push(snapshot.id);
      }
    }
    void writer.delete(this.db.collection(cohortsCollection).doc(cohortId));
    await writer.close();
    return new CohortMembersTakenError(taken);
  }
}

function toDocument(record: CohortRecord): DocumentData {
  // The JSON round trip drops undefined keys (Firestore refuses them); the report has no NaN.
  const plain = JSON.parse(JSON.stringify(record)) as DocumentData;
  return { ...plain, createdAt: Timestamp.fromDate(record.createdAt), asOf: Timestamp.fromDate(record.asOf) };
}
