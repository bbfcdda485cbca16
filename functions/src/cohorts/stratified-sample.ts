import { allocateStrata } from "./allocate-strata.js";
import { balanceMargins } from "./balance-margins.js";
import type { CohortCandidate } from "./cohort-candidate.js";
import { type CohortDimension, dimensionValue, stratumKey } from "./cohort-dimensions.js";
import { compareText } from "./compare-text.js";
import { seededHash } from "./seeded-hash.js";

export interface Stratum {
  key: string;
  values: Partial<Record<CohortDimension, string>>;
  /** Eligible customers of the stratum, by customer code. */
  members: CohortCandidate[];
  pinned: CohortCandidate[];
}

export interface CohortMember {
  customerCode: string;
  stratum: string;
  pinned: boolean;
}

/** The eligible customers grouped by stratum, strata by key and members by code (input order is irrelevant). */
export function buildStrata(
  eligible: readonly CohortCandidate[],
  dimensions: readonly CohortDimension[],
  pinned: ReadonlySet<string>,
): Stratum[] {
  const strata = new Map<string, Stratum>();
  const sorted = [...eligible].sort((a, b) => compareText(a.customerCode, b.customerCode));
  for (const candidate of sorted) {
    const key = stratumKey(candidate, dimensions);
    let stratum = strata.get(key);
    if (!stratum) {
      const values = Object.fromEntries(dimensions.map((d) => [d, dimensionValue(candidate, d)]));
      stratum = { key, values, members: [], pinned: [] };
      strata.set(key, stratum);
    }
    stratum.members.push(candidate);
    if (pinned.has(candidate.customerCode)) stratum.pinned.push(candidate);
  }
  return [...strata.values()].sort((a, b) => compareText(a.key, b.key));
}

/**
 * How many members each stratum gets: proportional with largest-remainder rounding (pinned
 * volunteers first, see allocateStrata), then moved within the roundings so each stratified
 * dimension's values are as close to their shares as the strata allow (see balanceMargins).
 */
export function allocateCohort(
  strata: readonly Stratum[],
  dimensions: readonly CohortDimension[],
  size: number,
  seed: number,
): number[] {
  const allocation = allocateStrata(
    strata.map((stratum) => ({
      population: stratum.members.length,
      pinned: stratum.pinned.length,
      tieRank: seededHash(seed, `stratum:${stratum.key}`),
    })),
    size,
  );
  if (dimensions.length < 2) return allocation.map((stratum) => stratum.count);
  const population = strata.reduce((total, stratum) => total + stratum.members.length, 0);
  const targets = new Map<string, number>();
  const margins = strata.map((stratum) =>
    dimensions.map((dimension) => {
      const margin = `${dimension}=${stratum.values[dimension]}`;
      targets.set(margin, (targets.get(margin) ?? 0) + (size * stratum.members.length) / population);
      return margin;
    }),
  );
  return balanceMargins(
    allocation.map((stratum, index) => ({
      ...stratum,
      margins: margins[index] ?? [],
      expected: (size * (strata[index]?.members.length ?? 0)) / population,
    })),
    targets,
  );
}

/**
 * The members of one draw: every pinned volunteer of a stratum, then its other customers ranked
 * by a seeded hash of (attempt, code) until the stratum's count is reached. The same seed,
 * attempt and data always give the same members, whatever order the candidates came in.
 */
export function drawCohort(
  strata: readonly Stratum[],
  counts: readonly number[],
  seed: number,
  attempt: number,
): CohortMember[] {
  const members = strata.flatMap((stratum, index) => {
    const pinned = new Set(stratum.pinned.map((candidate) => candidate.customerCode));
    const ranked = stratum.members
      .filter((candidate) => !pinned.has(candidate.customerCode))
      .map((candidate) => ({
        code: candidate.customerCode,
        rank: seededHash(seed, `${attempt}:${candidate.customerCode}`),
      }))
      .sort((a, b) => a.rank - b.rank || compareText(a.code, b.code));
    const drawn = ranked.slice(0, (counts[index] ?? 0) - pinned.size).map(({ code }) => code);
    return [
      ...[...pinned].map((customerCode) => ({ customerCode, stratum: stratum.key, pinned: true })),
      ...drawn.map((customerCode) => ({ customerCode, stratum: stratum.key, pinned: false })),
    ];
  });
  return members.sort((a, b) => compareText(a.customerCode, b.customerCode));
}
