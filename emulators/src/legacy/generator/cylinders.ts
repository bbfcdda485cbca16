import type { CylinderColumn } from "../../../../functions/src/legacy/legacy-rows.js";
import type { ClientKind } from "./client-attributes.js";
import { type Prng, pickWeighted, weightedTable } from "./prng.js";
import type { CylinderSize } from "./products.js";

export type Holdings = Partial<Record<CylinderColumn, number>>;

/** Which delivery quantity column (by size) each cylinder column counts towards. */
export const sizeOfCylinderColumn: Record<CylinderColumn, CylinderSize> = {
  cyl_50: 50,
  cyl_20: 20,
  cyl_16: 16,
  cyl_10: 10,
  cyl_4: 4,
  cyl_ying20: 20,
  cyl_ying16: 16,
  cyl_haoyun20: 20,
  cyl_haoyun16: 16,
  cyl_pingan10: 10,
  cyl_xingfuwan: 4,
};

type HoldingRecipe = readonly (readonly [CylinderColumn, number, number])[];

const recipes: Record<ClientKind, ReturnType<typeof weightedTable<HoldingRecipe>>> = {
  household: weightedTable<HoldingRecipe>([
    [[["cyl_20", 1, 2]], 55],
    [[["cyl_16", 1, 2]], 25],
    [[["cyl_haoyun20", 1, 1]], 8],
    [[["cyl_haoyun16", 1, 1]], 5],
    [[["cyl_pingan10", 1, 1]], 4],
    [[["cyl_10", 1, 1]], 3],
  ]),
  business: weightedTable<HoldingRecipe>([
    [[["cyl_50", 1, 4]], 45],
    [[["cyl_20", 2, 4]], 25],
    [
      [
        ["cyl_50", 1, 2],
        ["cyl_20", 1, 3],
      ],
      20,
    ],
    [[["cyl_ying20", 1, 3]], 6],
    [[["cyl_ying16", 1, 2]], 4],
  ]),
  stall: weightedTable<HoldingRecipe>([
    [[["cyl_4", 1, 3]], 40],
    [[["cyl_xingfuwan", 1, 2]], 25],
    [[["cyl_10", 1, 2]], 20],
    [[["cyl_16", 1, 1]], 15],
  ]),
};

export function pickHoldings(prng: Prng, kind: ClientKind): Holdings {
  const holdings: Holdings = {};
  for (const [column, min, max] of pickWeighted(prng, recipes[kind])) holdings[column] = prng.int(min, max);
  return holdings;
}

/** Cylinders held per size, the unit deliveries are counted in. */
export function holdingsBySize(holdings: Holdings): Record<CylinderSize, number> {
  const bySize: Record<CylinderSize, number> = { 50: 0, 20: 0, 16: 0, 10: 0, 4: 0 };
  for (const [column, count] of Object.entries(holdings) as [CylinderColumn, number][]) {
    bySize[sizeOfCylinderColumn[column]] += count;
  }
  return bySize;
}

export function heldKg(holdings: Holdings): number {
  return Object.entries(holdingsBySize(holdings)).reduce((kg, [size, count]) => kg + Number(size) * count, 0);
}
