import type { ChiSquareTest } from "./chi-square.js";
import type { LargestDeviation } from "./cohort-composition.js";
import type { CohortLimits } from "./cohort-limits.js";
import { type Covariate, type CovariateBalance, covariates } from "./covariate-balance.js";

export type CohortLimitName = keyof CohortLimits;

export interface LimitFinding {
  limit: CohortLimitName;
  /** The figure that broke the limit, in the limit's unit (pp, p-value, SMD). */
  value: number;
  threshold: number;
  message: string;
}

export interface LimitCheck {
  breaches: LimitFinding[];
  warnings: LimitFinding[];
}

export interface CheckedFigures {
  size: number;
  largestDeviation: LargestDeviation;
  chiSquare: ChiSquareTest;
  covariates: Record<Covariate, CovariateBalance>;
}

/**
 * A cohort of n members cannot put a stratum closer than one member (100 / n pp) to its share,
 * so the deviation limit is never stricter than that: 2 pp at 50 members, 5 pp at 20.
 */
export function deviationTolerancePp(limits: CohortLimits, size: number): number {
  return Math.max(limits.maxDeviationPp, 100 / size);
}

export function checkCohortLimits(figures: CheckedFigures, limits: CohortLimits): LimitCheck {
  const breaches: LimitFinding[] = [];
  const warnings: LimitFinding[] = [];
  const tolerance = deviationTolerancePp(limits, figures.size);
  const { pp, at } = figures.largestDeviation;
  if (pp > tolerance) {
    breaches.push({
      limit: "maxDeviationPp",
      value: pp,
      threshold: tolerance,
      message: `${at} is ${pp.toFixed(2)} pp off its population share (limit ${tolerance.toFixed(2)} pp)`,
    });
  }
  const { pValue, statistic, degreesOfFreedom } = figures.chiSquare;
  const srm = `sample-ratio mismatch: chi-square ${statistic.toFixed(1)} over ${degreesOfFreedom} df, p = ${pValue.toPrecision(3)}`;
  if (pValue < limits.minSrmP) {
    breaches.push({
      limit: "minSrmP",
      value: pValue,
      threshold: limits.minSrmP,
      message: `${srm} < ${limits.minSrmP}`,
    });
  } else if (pValue < limits.warnSrmP) {
    warnings.push({
      limit: "warnSrmP",
      value: pValue,
      threshold: limits.warnSrmP,
      message: `${srm} < ${limits.warnSrmP}`,
    });
  }
  for (const covariate of covariates) {
    const { smd } = figures.covariates[covariate];
    if (Math.abs(smd) <= limits.maxSmd) continue;
    breaches.push({
      limit: "maxSmd",
      value: smd,
      threshold: limits.maxSmd,
      message: `${covariate}: standardised mean difference ${smd.toFixed(3)} is beyond ±${limits.maxSmd}`,
    });
  }
  return { breaches, warnings };
}
