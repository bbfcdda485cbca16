import { type ChiSquareTest, chiSquareGoodnessOfFit } from "./chi-square.js";
import type { CohortCandidate } from "./cohort-candidate.js";
import { type CohortDimension, cohortDimensions, dimensionValue } from "./cohort-dimensions.js";
import { compareText } from "./compare-text.js";
import type { Stratum } from "./stratified-sample.js";

export interface ShareRow {
  population: number;
  cohort: number;
  /** Fractions of the eligible population and of the cohort (0..1). */
  populationShare: number;
  cohortShare: number;
  /** (cohort share − population share) × 100, in percentage points. */
  deviationPp: number;
}

export interface StratumRow extends ShareRow {
  key: string;
  values: Partial<Record<CohortDimension, string>>;
  /** Cohort size × population share: what the chi-square expects. */
  expected: number;
}

export interface DimensionRow extends ShareRow {
  value: string;
}

export interface LargestDeviation {
  /** Largest |deviation| of a stratum or of a value of a stratified dimension, in pp. */
  pp: number;
  /** Where: `stratum A|residential|cylinder|low` or `area=A`; "" for an empty table. */
  at: string;
}

export interface CohortComposition {
  strata: StratumRow[];
  /** Every dimension, stratified or not; only stratified ones count towards the deviation limit. */
  dimensions: Record<CohortDimension, DimensionRow[]>;
  largestDeviation: LargestDeviation;
  chiSquare: ChiSquareTest;
}

function shares(population: number, cohort: number, totalPopulation: number, size: number): ShareRow {
  const populationShare = totalPopulation === 0 ? 0 : population / totalPopulation;
  const cohortShare = size === 0 ? 0 : cohort / size;
  return {
    population,
    cohort,
    populationShare,
    cohortShare,
    deviationPp: (cohortShare - populationShare) * 100,
  };
}

/** Shares per stratum and per value of each dimension, the largest deviation and the SRM test. */
export function describeComposition(
  strata: readonly Stratum[],
  counts: readonly number[],
  members: readonly CohortCandidate[],
  stratifiedBy: readonly CohortDimension[],
): CohortComposition {
  const population = strata.reduce((total, stratum) => total + stratum.members.length, 0);
  const size = members.length;
  const rows = strata.map((stratum, index) => {
    const row = shares(stratum.members.length, counts[index] ?? 0, population, size);
    return { key: stratum.key, values: stratum.values, ...row, expected: row.populationShare * size };
  });
  const eligible = strata.flatMap((stratum) => stratum.members);
  const dimensions = Object.fromEntries(
    cohortDimensions.map((dimension) => [dimension, dimensionRows(dimension, eligible, members)]),
  ) as Record<CohortDimension, DimensionRow[]>;
  const checked = [
    ...rows.map((row) => ({ at: `stratum ${row.key}`, pp: row.deviationPp })),
    ...stratifiedBy.flatMap((dimension) =>
      dimensions[dimension].map((row) => ({ at: `${dimension}=${row.value}`, pp: row.deviationPp })),
    ),
  ];
  const largestDeviation = checked.reduce<LargestDeviation>(
    (largest, row) => (Math.abs(row.pp) > largest.pp ? { pp: Math.abs(row.pp), at: row.at } : largest),
    { pp: 0, at: "" },
  );
  return {
    strata: rows,
    dimensions,
    largestDeviation,
    chiSquare: chiSquareGoodnessOfFit(rows.map((row) => ({ observed: row.cohort, expected: row.expected }))),
  };
}

function dimensionRows(
  dimension: CohortDimension,
  eligible: readonly CohortCandidate[],
  members: readonly CohortCandidate[],
): DimensionRow[] {
  const tally = new Map<string, { population: number; cohort: number }>();
  const entry = (candidate: CohortCandidate) => {
    const value = dimensionValue(candidate, dimension);
    const existing = tally.get(value) ?? { population: 0, cohort: 0 };
    tally.set(value, existing);
    return existing;
  };
  for (const candidate of eligible) entry(candidate).population += 1;
  for (const candidate of members) entry(candidate).cohort += 1;
  return [...tally.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([value, { population, cohort }]) => ({
      value,
      ...shares(population, cohort, eligible.length, members.length),
    }));
}
