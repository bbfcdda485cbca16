export interface StratumDemand {
  population: number;
  /** Pinned volunteers of the stratum: its allocation is never below this. */
  pinned: number;
  /** Orders equal remainders: a seeded hash of the stratum, so ties do not favour early keys. */
  tieRank: number;
}

export interface StratumAllocation {
  count: number;
  /** Bounds a later adjustment may move the count within: the floor and ceiling of its quota. */
  lower: number;
  upper: number;
}

/**
 * Proportional allocation with largest-remainder rounding, so the counts add up to `size`
 * exactly and each is the floor or the ceiling of its quota `size × population / total`.
 * Pinned volunteers count towards their stratum: a stratum whose pinned exceed its quota gets
 * exactly its pinned, and the rest of the size is shared out over the other strata in proportion
 * (repeated until no stratum's pinned exceed its quota), so the excess is taken from them by
 * largest remainder. Quotas are kept as integer fractions, so no float decides a rounding.
 */
export function allocateStrata(strata: readonly StratumDemand[], size: number): StratumAllocation[] {
  checkFeasible(strata, size);
  const fixed = fixPinnedBeyondQuota(strata, size);
  const remaining = size - sum(strata.map((stratum, index) => (fixed[index] ? stratum.pinned : 0)));
  const freePopulation = sum(strata.map((stratum, index) => (fixed[index] ? 0 : stratum.population)));
  const quotas = strata.map((stratum, index) => {
    if (fixed[index]) return { count: stratum.pinned, lower: stratum.pinned, upper: stratum.pinned, rest: 0 };
    const numerator = remaining * stratum.population;
    const floor = Math.floor(numerator / freePopulation);
    const rest = numerator % freePopulation;
    return { count: floor, lower: floor, upper: rest > 0 ? floor + 1 : floor, rest };
  });
  const leftover = remaining - sum(quotas.map((quota, index) => (fixed[index] ? 0 : quota.count)));
  const byRemainder = quotas
    .map((quota, index) => ({ quota, tieRank: strata[index]?.tieRank ?? 0, index }))
    .filter(({ quota }) => quota.rest > 0)
    .sort((a, b) => b.quota.rest - a.quota.rest || a.tieRank - b.tieRank || a.index - b.index);
  for (const { quota } of byRemainder.slice(0, leftover)) quota.count += 1;
  return quotas.map(({ count, lower, upper }) => ({ count, lower, upper }));
}

/** Strata held at their pinned count: pinned × free population > remaining size × population. */
function fixPinnedBeyondQuota(strata: readonly StratumDemand[], size: number): boolean[] {
  const fixed = strata.map(() => false);
  for (let changed = true; changed; ) {
    changed = false;
    const remaining = size - sum(strata.map((stratum, index) => (fixed[index] ? stratum.pinned : 0)));
    const freePopulation = sum(strata.map((stratum, index) => (fixed[index] ? 0 : stratum.population)));
    strata.forEach((stratum, index) => {
      if (fixed[index] || stratum.pinned * freePopulation <= remaining * stratum.population) return;
      fixed[index] = true;
      changed = true;
    });
  }
  return fixed;
}

/** The caller refuses impossible requests with a proper error; reaching here with one is a bug. */
function checkFeasible(strata: readonly StratumDemand[], size: number): void {
  const population = sum(strata.map((stratum) => stratum.population));
  const pinned = sum(strata.map((stratum) => stratum.pinned));
  if (!Number.isInteger(size) || size < 1 || size > population || pinned > size) {
    throw new RangeError(`cannot allocate ${size} of ${population} with ${pinned} pinned`);
  }
  if (strata.some((stratum) => stratum.pinned > stratum.population)) {
    throw new RangeError("a stratum has more pinned than members");
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
