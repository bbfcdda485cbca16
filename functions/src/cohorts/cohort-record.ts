import { z } from "zod";
import { customerCodeSchema } from "../domain/primitives.js";
import { timeOrderedId, timeOrderedIdSchema } from "../shared/time-ordered-id.js";
import type { ExclusionSummary } from "./cohort-exclusions.js";
import type { CohortReport } from "./cohort-report.js";
import type { CohortRequest } from "./cohort-request.js";

/** `c…-……`: sorts by age (shared/time-ordered-id.ts). */
export const cohortIdSchema = timeOrderedIdSchema("c", "cohort");

export function newCohortId(now: Date): string {
  return timeOrderedId("c", now);
}

/**
 * A stored cohort: what was asked (the parsed request, seed included, so the same data redraws
 * it), what the sampler answered, who asked and why. Only accepted and forced cohorts are stored;
 * a refused one has no members to store.
 */
export interface CohortRecord {
  id: string;
  createdAt: Date;
  createdBy: { uid: string; email: string | null };
  /** The request's reason: required when forced, optional otherwise. */
  reason: string | null;
  /** When the candidate facts were read: the 90-day window ends here. */
  asOf: Date;
  request: CohortRequest;
  outcome: "accepted" | "forced";
  size: number;
  report: CohortReport;
  excluded: ExclusionSummary;
}

/**
 * `claiming` while its members are being claimed (a creation that died half-way stays so, and
 * keeps its claims so nobody is in two cohorts); `ready` once every member is claimed.
 */
export type CohortStatus = "claiming" | "ready";
export type StoredCohort = CohortRecord & { status: CohortStatus };

/** The list's view of a cohort: enough to choose one, without its report tables. */
export type CohortSummary = Pick<
  StoredCohort,
  "id" | "createdAt" | "createdBy" | "reason" | "outcome" | "size" | "status"
>;

export function summaryOf(cohort: StoredCohort): CohortSummary {
  const { id, createdAt, createdBy, reason, outcome, size, status } = cohort;
  return { id, createdAt, createdBy, reason, outcome, size, status };
}

export const cohortMemberRecordSchema = z.strictObject({
  customerCode: customerCodeSchema,
  cohortId: cohortIdSchema,
  stratum: z.string(),
  /** A volunteer the request named in `include`. */
  pinned: z.boolean(),
});
/** One member: a customer belongs to at most one cohort, so the code is its key. */
export type CohortMemberRecord = z.infer<typeof cohortMemberRecordSchema>;

export interface CohortMemberPage {
  items: CohortMemberRecord[];
  /** The last code of a full page (more may follow); undefined when the listing ended. */
  lastCode: string | undefined;
}
