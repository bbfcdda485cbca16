import type { CohortCandidate } from "./cohort-candidate.js";

/** The numeric covariates whose balance the report checks. */
export const covariates = ["monthlyKg", "balance", "deliveries90d"] as const;
export type Covariate = (typeof covariates)[number];

export interface Moments {
  count: number;
  mean: number;
  /** Divided by the count, not count − 1: both groups are described whole, not estimated. */
  variance: number;
}

export interface CovariateBalance {
  cohortMean: number;
  populationMean: number;
  /** √((variance of the cohort + variance of the population) / 2). */
  pooledSd: number;
  /** (cohort mean − population mean) / pooled SD; 0 when both groups are constant. */
  smd: number;
}

const readCovariate: Record<Covariate, (candidate: CohortCandidate) => number> = {
  monthlyKg: (candidate) => candidate.monthlyKg,
  // A balance never set counts as nothing owed.
  balance: (candidate) => candidate.balance ?? 0,
  deliveries90d: (candidate) => candidate.deliveries90d,
};

/** Mean and variance of each covariate, in two passes (the one-pass formula cancels badly on NT$). */
export function covariateMoments(candidates: readonly CohortCandidate[]): Record<Covariate, Moments> {
  const moments = (covariate: Covariate): Moments => {
    const values = candidates.map(readCovariate[covariate]);
    const count = values.length;
    const mean = count === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / count;
    const variance = count === 0 ? 0 : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / count;
    return { count, mean, variance };
  };
  return {
    monthlyKg: moments("monthlyKg"),
    balance: moments("balance"),
    deliveries90d: moments("deliveries90d"),
  };
}

export function covariateBalance(
  cohort: Record<Covariate, Moments>,
  population: Record<Covariate, Moments>,
): Record<Covariate, CovariateBalance> {
  const balance = (covariate: Covariate): CovariateBalance => {
    const c = cohort[covariate];
    const p = population[covariate];
    const pooledSd = Math.sqrt((c.variance + p.variance) / 2);
    const smd = pooledSd === 0 ? 0 : (c.mean - p.mean) / pooledSd;
    return { cohortMean: c.mean, populationMean: p.mean, pooledSd, smd };
  };
  return {
    monthlyKg: balance("monthlyKg"),
    balance: balance("balance"),
    deliveries90d: balance("deliveries90d"),
  };
}

/** The largest |SMD| of the covariates, which the `maxSmd` limit is checked against. */
export function largestSmd(balance: Record<Covariate, CovariateBalance>): number {
  return Math.max(...covariates.map((covariate) => Math.abs(balance[covariate].smd)));
}
