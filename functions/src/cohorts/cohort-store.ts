import type { AuditDraft } from "../audit/audit-draft.js";
import type {
  CohortMemberPage,
  CohortMemberRecord,
  CohortRecord,
  CohortSummary,
  StoredCohort,
} from "./cohort-record.js";

/** Port: stored cohorts and the one-cohort-per-customer claim of their members. */
export interface CohortStore {
  /**
   * Stores the cohort, its members and the audit entry at once. A member that another cohort
   * claimed meanwhile makes it a CohortMembersTakenError and nothing is stored.
   */
  create(record: CohortRecord, members: readonly CohortMemberRecord[], audit: AuditDraft): Promise<void>;
  get(id: string): Promise<StoredCohort | undefined>;
  /** Every cohort, oldest first. */
  list(): Promise<CohortSummary[]>;
  /** The members of a cohort by code, after `after`. */
  members(cohortId: string, pageSize: number, after: string | undefined): Promise<CohortMemberPage>;
  /** The codes of every customer some cohort holds. */
  claimedCodes(): Promise<Set<string>>;
}
