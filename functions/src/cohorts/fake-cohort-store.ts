import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import type { AuditEntry } from "../audit/audit-log.js";
import { CohortMembersTakenError } from "./cohort-errors.js";
import {
  type CohortMemberPage,
  type CohortMemberRecord,
  type CohortRecord,
  type CohortSummary,
  type StoredCohort,
  summaryOf,
} from "./cohort-record.js";
import type { CohortStore } from "./cohort-store.js";
import { compareText } from "./compare-text.js";

/** CohortStore in memory, with the Firestore store's all-or-nothing claim of members. */
export class FakeCohortStore implements CohortStore {
  readonly cohorts = new Map<string, StoredCohort>();
  readonly claims = new Map<string, CohortMemberRecord>();
  readonly audit: AuditEntry[] = [];

  create(record: CohortRecord, members: readonly CohortMemberRecord[], audit: AuditDraft): Promise<void> {
    const taken = members.filter((member) => this.claims.has(member.customerCode));
    if (taken.length > 0) {
      return Promise.reject(new CohortMembersTakenError(taken.map((member) => member.customerCode)));
    }
    const stored: StoredCohort = { ...structuredClone(record), status: "ready" };
    this.cohorts.set(record.id, stored);
    for (const member of members) this.claims.set(member.customerCode, { ...member });
    this.audit.push(completeAudit(audit, null, summaryOf(stored)));
    return Promise.resolve();
  }

  get(id: string): Promise<StoredCohort | undefined> {
    const found = this.cohorts.get(id);
    return Promise.resolve(found && structuredClone(found));
  }

  list(): Promise<CohortSummary[]> {
    const ids = [...this.cohorts.keys()].sort(compareText);
    return Promise.resolve(ids.flatMap((id) => summaryOrNone(this.cohorts.get(id))));
  }

  members(cohortId: string, pageSize: number, after: string | undefined): Promise<CohortMemberPage> {
    const items = [...this.claims.values()]
      .filter(
        (member) => member.cohortId === cohortId && (after === undefined || member.customerCode > after),
      )
      .sort((a, b) => compareText(a.customerCode, b.customerCode))
      .slice(0, pageSize);
    return Promise.resolve({
      items,
      lastCode: items.length === pageSize ? items.at(-1)?.customerCode : undefined,
    });
  }

  claimedCodes(): Promise<Set<string>> {
    return Promise.resolve(new Set(this.claims.keys()));
  }
}

function summaryOrNone(cohort: StoredCohort | undefined): CohortSummary[] {
  return cohort ? [summaryOf(cohort)] : [];
}
