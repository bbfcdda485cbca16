import { parseInput } from "../http/request-input.js";
import { ValidationError } from "../shared/errors.js";
import { balancedDraw } from "./balanced-draw.js";
import type { CohortCandidate } from "./cohort-candidate.js";
import { applyExclusions, type ExclusionSummary } from "./cohort-exclusions.js";
import type { LimitFinding } from "./cohort-limit-checks.js";
import { buildCohortReport, type CohortReport } from "./cohort-report.js";
import { type CohortRequest, type CohortRequestInput, cohortRequestSchema } from "./cohort-request.js";
import { cohortSize } from "./cohort-size.js";
import { checkPinnedVolunteers } from "./pinned-volunteers.js";
import { allocateCohort, buildStrata, type CohortMember } from "./stratified-sample.js";

interface SelectionBase {
  report: CohortReport;
  excluded: ExclusionSummary;
}

/** Within every limit (warnings, e.g. an SRM p below 0.01, may still be in the report). */
export interface AcceptedCohort extends SelectionBase {
  outcome: "accepted";
  members: CohortMember[];
}

/** Outside limits but forced: the reason and the broken limits go with it into the record. */
export interface ForcedCohort extends SelectionBase {
  outcome: "forced";
  forced: true;
  reason: string;
  breaches: LimitFinding[];
  members: CohortMember[];
}

/** Outside limits and not forced: no members, so a refused cohort cannot be saved by mistake. */
export interface RefusedCohort extends SelectionBase {
  outcome: "refused";
  refused: LimitFinding[];
}

export type CohortSelection = AcceptedCohort | ForcedCohort | RefusedCohort;

/**
 * The one entry point: request + candidates → the cohort and its report, deterministically for
 * a given seed and data. Throws a ValidationError for a malformed request and its subclasses
 * (cohort-errors.ts) for one the data cannot meet; a cohort outside the limits is `refused`.
 */
export function selectCohort(
  input: CohortRequestInput,
  candidates: readonly CohortCandidate[],
): CohortSelection {
  const request = parseInput(cohortRequestSchema, input, "body");
  requireUniqueCodes(candidates);
  const exclusion = applyExclusions(candidates, request.exclude);
  checkPinnedVolunteers(request.include, candidates, exclusion.rulesOf);
  const size = cohortSize(request, exclusion.eligible.length);
  const strata = buildStrata(exclusion.eligible, request.strata, new Set(request.include));
  const counts = allocateCohort(strata, request.strata, size, request.seed);
  const draw = balancedDraw(strata, counts, request.seed, request.limits.maxSmd);
  const byCode = new Map(exclusion.eligible.map((candidate) => [candidate.customerCode, candidate]));
  const report = buildCohortReport({
    strata,
    counts,
    members: draw.members.flatMap((member) => byCode.get(member.customerCode) ?? []),
    stratifiedBy: request.strata,
    seed: request.seed,
    attempt: draw.attempt,
    pinned: request.include.length,
    covariates: draw.covariates,
    limits: request.limits,
  });
  return decide(request, report, exclusion.summary, draw.members);
}

function decide(
  request: CohortRequest,
  report: CohortReport,
  excluded: ExclusionSummary,
  members: CohortMember[],
): CohortSelection {
  if (report.breaches.length === 0) return { outcome: "accepted", members, report, excluded };
  if (request.force && request.reason !== undefined) {
    const { reason } = request;
    return { outcome: "forced", forced: true, reason, breaches: report.breaches, members, report, excluded };
  }
  return { outcome: "refused", refused: report.breaches, report, excluded };
}

function requireUniqueCodes(candidates: readonly CohortCandidate[]): void {
  const seen = new Set<string>();
  const twice = candidates.flatMap(({ customerCode }) => {
    if (seen.has(customerCode)) return [customerCode];
    seen.add(customerCode);
    return [];
  });
  if (twice.length === 0) return;
  throw new ValidationError(`candidates list a customer twice: ${[...new Set(twice)].join(", ")}`, [
    {
      path: "candidates",
      message: `customer codes must be unique; repeated: ${[...new Set(twice)].join(", ")}`,
    },
  ]);
}
