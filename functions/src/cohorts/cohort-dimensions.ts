import { z } from "zod";
import type { CohortCandidate } from "./cohort-candidate.js";
import { frequencyBand } from "./frequency-band.js";

/** What a cohort is stratified and reported by; this order is also the default strata. */
export const cohortDimensions = ["area", "clientType", "pricingMethod", "frequencyBand"] as const;
export const cohortDimensionSchema = z.enum(cohortDimensions);
export type CohortDimension = z.infer<typeof cohortDimensionSchema>;

/** Customers without a readable route letter are an area of their own, so they are sampled too. */
export const noArea = "none";

const readDimension: Record<CohortDimension, (candidate: CohortCandidate) => string> = {
  area: (candidate) => candidate.area ?? noArea,
  clientType: (candidate) => candidate.clientType,
  pricingMethod: (candidate) => candidate.pricingMethod,
  frequencyBand: (candidate) => frequencyBand(candidate.deliveries90d),
};

export function dimensionValue(candidate: CohortCandidate, dimension: CohortDimension): string {
  return readDimension[dimension](candidate);
}

/** A stratum is one combination of values, e.g. `H|residential|cylinder|regular`. */
export function stratumKey(candidate: CohortCandidate, dimensions: readonly CohortDimension[]): string {
  return dimensions.map((dimension) => dimensionValue(candidate, dimension)).join("|");
}
