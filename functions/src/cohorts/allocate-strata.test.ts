import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateStrata } from "./allocate-strata.js";

const demand = (population: number, pinned = 0, tieRank = 0) => ({ population, pinned, tieRank });
const countsOf = (strata: Parameters<typeof allocateStrata>[0], size: number) =>
  allocateStrata(strata, size).map((stratum) => stratum.count);

describe("allocateStrata", () => {
  it("rounds by largest remainder: 10 over 50/30/20 of 100 is exactly 5/3/2; 7 is 3.5/2.1/1.4 → 4/2/1", () => {
    expect(countsOf([demand(50), demand(30), demand(20)], 10)).toEqual([5, 3, 2]);
    expect(countsOf([demand(50), demand(30), demand(20)], 7)).toEqual([4, 2, 1]);
  });

  it("breaks equal remainders by tie rank, not by position", () => {
    expect(countsOf([demand(5, 0, 2), demand(5, 0, 1)], 1)).toEqual([0, 1]);
    expect(countsOf([demand(5, 0, 1), demand(5, 0, 2)], 1)).toEqual([1, 0]);
  });

  it("lets pinned volunteers fill their stratum's quota first", () => {
    expect(countsOf([demand(10, 1), demand(10), demand(10)], 6)).toEqual([2, 2, 2]);
  });

  it("takes pinned beyond a stratum's quota from the other strata, keeping the total exact", () => {
    // Quotas 2/2/2; five pinned in the first leave 1 for the others (0.5 each, tie rank decides).
    expect(countsOf([demand(10, 5), demand(10, 0, 2), demand(10, 0, 1)], 6)).toEqual([5, 0, 1]);
    // Holding the first at 5 cuts the second's quota from 1 to 5 × 10/90 = 0.56, below its 1 pinned: held too.
    expect(countsOf([demand(10, 5), demand(10, 1), demand(80)], 10)).toEqual([5, 1, 4]);
  });

  it("gives every stratum the floor or ceiling of its quota, adding up to the size (property)", () => {
    const strata = fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(strata, fc.double({ min: 0, max: 1, noNaN: true }), (populations, fraction) => {
        const total = populations.reduce((sum, population) => sum + population, 0);
        const size = Math.max(1, Math.round(total * fraction));
        const allocation = allocateStrata(
          populations.map((population, index) => demand(population, 0, index)),
          size,
        );
        expect(allocation.reduce((sum, stratum) => sum + stratum.count, 0)).toBe(size);
        allocation.forEach((stratum, index) => {
          const quota = (size * (populations[index] ?? 0)) / total;
          expect(Math.abs(stratum.count - quota)).toBeLessThan(1);
          expect(stratum.lower).toBe(Math.floor((size * (populations[index] ?? 0)) / total));
        });
      }),
    );
  });

  it("treats an impossible allocation as a bug", () => {
    expect(() => allocateStrata([demand(3)], 4)).toThrow(RangeError);
    expect(() => allocateStrata([demand(3, 2)], 1)).toThrow(RangeError);
    expect(() => allocateStrata([demand(3)], 0)).toThrow(RangeError);
  });
});
