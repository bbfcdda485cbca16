import { type WeightedTable, weightedTable } from "./prng.js";

/** Legacy status codes: 01 draft, 02 confirmed, 03 assigned, 04 in delivery, 05 delivered, 06 cancelled, 07 failed. */
export const deliveryStatuses = ["01", "02", "03", "04", "05", "06", "07"] as const;

const settled = weightedTable<string>([
  ["05", 96],
  ["06", 2.5],
  ["07", 1.5],
]);

/** Orders from the last days before the history's end are still moving through the workflow. */
const recent: readonly WeightedTable<string>[] = [
  weightedTable([
    ["01", 15],
    ["02", 25],
    ["03", 25],
    ["04", 20],
    ["05", 15],
  ]),
  weightedTable([
    ["03", 15],
    ["04", 20],
    ["05", 60],
    ["06", 5],
  ]),
  weightedTable([
    ["04", 5],
    ["05", 90],
    ["06", 3],
    ["07", 2],
  ]),
];

export function deliveryStatusTable(daysBeforeEnd: number): WeightedTable<string> {
  return recent[daysBeforeEnd] ?? settled;
}
