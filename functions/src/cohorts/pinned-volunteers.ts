import type { CohortCandidate } from "./cohort-candidate.js";
import { PinnedCustomerExcludedError, PinnedCustomerUnknownError } from "./cohort-errors.js";
import type { ExclusionRule } from "./cohort-exclusions.js";

/**
 * Pinned volunteers must be customers and eligible: an exclusion rule is never silently
 * overridden by a pin, nor a pin silently dropped by a rule. Every offender is named at once.
 */
export function checkPinnedVolunteers(
  include: readonly string[],
  candidates: readonly CohortCandidate[],
  rulesOf: ReadonlyMap<string, readonly ExclusionRule[]>,
): void {
  const known = new Set(candidates.map((candidate) => candidate.customerCode));
  const unknown = include.flatMap((customerCode, index) =>
    known.has(customerCode) ? [] : [{ customerCode, index }],
  );
  if (unknown.length > 0) throw new PinnedCustomerUnknownError(unknown);
  const excluded = include.flatMap((customerCode, index) => {
    const rules = rulesOf.get(customerCode);
    return rules === undefined ? [] : [{ customerCode, index, rules }];
  });
  if (excluded.length > 0) throw new PinnedCustomerExcludedError(excluded);
}
