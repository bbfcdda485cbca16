import type { CohortCandidate } from "./cohort-candidate.js";

/**
 * The exclusion rules in their fixed counting order. A customer hit by several rules is counted
 * once, under the first of them in this order (so the counts add up to the total), and each rule
 * also says how many customers it matched at all. `deny` is the operator's explicit list and
 * cannot be switched off (leave it empty instead); every other rule can.
 */
export const exclusionRules = [
  "terminated",
  "overCreditLimit",
  "activeOrder",
  "importRejected",
  "otherCohortOrWave",
  "deny",
] as const;
export type ExclusionRule = (typeof exclusionRules)[number];
export type SwitchableExclusionRule = Exclude<ExclusionRule, "deny">;
export const switchableExclusionRules = exclusionRules.filter(
  (rule): rule is SwitchableExclusionRule => rule !== "deny",
);

export type ExclusionSettings = Record<SwitchableExclusionRule, boolean> & { deny: readonly string[] };

export interface ExclusionCount {
  rule: ExclusionRule;
  enabled: boolean;
  /** Customers excluded under this rule (the first enabled rule that hit them). */
  excluded: number;
  /** Customers the rule matches, whether or not an earlier rule took them or the rule is off. */
  matched: number;
}

export interface ExclusionSummary {
  rules: ExclusionCount[];
  total: number;
}

export interface ExclusionOutcome {
  eligible: CohortCandidate[];
  summary: ExclusionSummary;
  /** The enabled rules that exclude each excluded customer, for naming them when one is pinned. */
  rulesOf: ReadonlyMap<string, readonly ExclusionRule[]>;
}

const matches: Record<SwitchableExclusionRule, (candidate: CohortCandidate) => boolean> = {
  terminated: (candidate) => candidate.terminated,
  // A limit never set (null) is no limit; a limit of 0 with money owed is over it.
  overCreditLimit: (candidate) =>
    candidate.creditLimit !== null && (candidate.balance ?? 0) > candidate.creditLimit,
  activeOrder: (candidate) => candidate.hasActiveOrder,
  importRejected: (candidate) => candidate.rejectedByImport,
  otherCohortOrWave: (candidate) => candidate.inOtherCohortOrWave,
};

export function applyExclusions(
  candidates: readonly CohortCandidate[],
  settings: ExclusionSettings,
): ExclusionOutcome {
  const denied = new Set(settings.deny);
  const isEnabled = (rule: ExclusionRule) => rule === "deny" || settings[rule];
  const hits = (rule: ExclusionRule, candidate: CohortCandidate) =>
    rule === "deny" ? denied.has(candidate.customerCode) : matches[rule](candidate);
  const counts = exclusionRules.map((rule) => ({ rule, enabled: isEnabled(rule), excluded: 0, matched: 0 }));
  const eligible: CohortCandidate[] = [];
  const rulesOf = new Map<string, ExclusionRule[]>();
  for (const candidate of candidates) {
    const hit = counts.filter((count) => hits(count.rule, candidate));
    for (const count of hit) count.matched += 1;
    const excluding = hit.filter((count) => count.enabled);
    const first = excluding[0];
    if (first === undefined) {
      eligible.push(candidate);
      continue;
    }
    first.excluded += 1;
    rulesOf.set(
      candidate.customerCode,
      excluding.map((count) => count.rule),
    );
  }
  return { eligible, summary: { rules: counts, total: rulesOf.size }, rulesOf };
}
