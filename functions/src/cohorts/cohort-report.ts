import type { CohortCandidate } from "./cohort-candidate.js";
import { type CohortComposition, describeComposition } from "./cohort-composition.js";
import type { CohortDimension } from "./cohort-dimensions.js";
import { checkCohortLimits, deviationTolerancePp, type LimitFinding } from "./cohort-limit-checks.js";
import type { CohortLimits } from "./cohort-limits.js";
import type { Covariate, CovariateBalance } from "./covariate-balance.js";
import type { Stratum } from "./stratified-sample.js";

/** NT$ the cohort carries into the new system, should its records go wrong. */
export interface MoneyAtRisk {
  /** Σ balances as recorded (a prepaid customer's negative balance offsets), never-set as 0. */
  balance: number;
  orderValue90d: number;
}

export interface CohortReport extends CohortComposition {
  seed: number;
  /** The draw kept (see balancedDraw): seed and attempt reproduce the members. */
  attempt: number;
  stratifiedBy: CohortDimension[];
  /** Eligible customers (after exclusions): the population every share is of. */
  populationSize: number;
  cohortSize: number;
  pinned: number;
  covariates: Record<Covariate, CovariateBalance>;
  moneyAtRisk: MoneyAtRisk;
  limits: CohortLimits;
  /** The deviation limit actually applied: maxDeviationPp, or one member if that is more. */
  deviationTolerancePp: number;
  breaches: LimitFinding[];
  warnings: LimitFinding[];
}

export interface ReportInput {
  strata: readonly Stratum[];
  counts: readonly number[];
  members: readonly CohortCandidate[];
  stratifiedBy: readonly CohortDimension[];
  seed: number;
  attempt: number;
  pinned: number;
  covariates: Record<Covariate, CovariateBalance>;
  limits: CohortLimits;
}

export function buildCohortReport(input: ReportInput): CohortReport {
  const composition = describeComposition(input.strata, input.counts, input.members, input.stratifiedBy);
  const size = input.members.length;
  const { breaches, warnings } = checkCohortLimits(
    { size, ...composition, covariates: input.covariates },
    input.limits,
  );
  return {
    seed: input.seed,
    attempt: input.attempt,
    stratifiedBy: [...input.stratifiedBy],
    populationSize: input.strata.reduce((total, stratum) => total + stratum.members.length, 0),
    cohortSize: size,
    pinned: input.pinned,
    ...composition,
    covariates: input.covariates,
    moneyAtRisk: {
      balance: input.members.reduce((total, member) => total + (member.balance ?? 0), 0),
      orderValue90d: input.members.reduce((total, member) => total + member.orderValue90d, 0),
    },
    limits: input.limits,
    deviationTolerancePp: deviationTolerancePp(input.limits, size),
    breaches,
    warnings,
  };
}
