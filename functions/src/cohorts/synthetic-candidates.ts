import type { CustomerType } from "../domain/customer.js";
import type { CohortCandidate } from "./cohort-candidate.js";
import { seededUniform } from "./seeded-hash.js";

/**
 * Test data: candidates shaped like the real register (the shares of the legacy seed generator,
 * emulators/src/legacy/generator: five town-centre areas carry 87%, 92% residential, 37.5%
 * metered, about half on monthly credit). Deterministic for a given count and seed.
 */
const areas: readonly (readonly [string | null, number])[] = [
  ["A", 28],
  ["B", 22],
  ["C", 18],
  ["D", 13],
  ["E", 6],
  ["G", 1.8],
  ["Y", 1.6],
  ["L", 1.6],
  ["F", 1.4],
  ["H", 1.5],
  ["M", 1.4],
  ["K", 1.2],
  ["J", 1.5],
  ["I", 1.0],
  [null, 0.5],
];

const clientTypes: readonly (readonly [CustomerType, number])[] = [
  ["residential", 92],
  ["night-market", 2],
  ["school", 1.5],
  ["market", 2],
  ["food-truck", 1.5],
  ["banquet", 1],
];

const creditLimits = [5_000, 10_000, 20_000, 30_000, 50_000] as const;

function pick<T>(table: readonly (readonly [T, number])[], roll: number): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let left = roll * total;
  for (const [value, weight] of table) {
    left -= weight;
    if (left < 0) return value;
  }
  const last = table[table.length - 1];
  if (last === undefined) throw new RangeError("pick from an empty table");
  return last[0];
}

export function syntheticCandidates(count: number, seed = 1): CohortCandidate[] {
  return Array.from({ length: count }, (_, index) => syntheticCandidate(index, seed));
}

function syntheticCandidate(index: number, seed: number): CohortCandidate {
  const roll = (field: string) => seededUniform(seed, `${index}:${field}`);
  const clientType = pick(clientTypes, roll("type"));
  const business = clientType !== "residential" || roll("business") < 0.4;
  const deliveries90d = roll("dormant") < 0.12 ? 0 : Math.floor(roll("deliveries") * (business ? 14 : 6)) + 1;
  const cylinders = business ? 1 + Math.floor(roll("cylinders") * 3) : 1;
  return {
    customerCode: String(1_000_000 + index * 7 + Math.floor(roll("code") * 7)),
    area: pick(areas, roll("area")),
    clientType,
    pricingMethod: roll("pricing") < 0.375 ? "metered" : "cylinder",
    terminated: roll("terminated") < 0.01,
    ...money(roll),
    hasActiveOrder: roll("active") < 0.03,
    rejectedByImport: roll("rejected") < 0.01,
    inOtherCohortOrWave: roll("cohort") < 0.02,
    deliveries90d,
    monthlyKg: Math.round(((deliveries90d * cylinders * 20) / 3) * (0.6 + roll("kg") * 0.8) * 10) / 10,
    orderValue90d: deliveries90d * cylinders * (700 + Math.floor(roll("price") * 300)),
  };
}

function money(roll: (field: string) => number): Pick<CohortCandidate, "balance" | "creditLimit"> {
  if (roll("monthly") < 0.48) {
    const limit = creditLimits[Math.floor(roll("limit") * creditLimits.length)] ?? 10_000;
    // A few monthly customers run over their limit.
    const share = roll("over") < 0.02 ? 1.1 : roll("balance") * 0.8;
    return { creditLimit: limit, balance: Math.round((share * limit) / 10) * 10 };
  }
  if (roll("unset") < 0.05) return { creditLimit: null, balance: null };
  const balance = roll("owes") < 0.03 ? Math.round((roll("cash") - 0.5) * 60) * 100 : 0;
  return { creditLimit: 0, balance };
}

/** One plain candidate for hand-built tests: eligible, residential, cylinder, area A, 3 deliveries. */
export function cohortCandidate(
  customerCode: string,
  overrides: Partial<CohortCandidate> = {},
): CohortCandidate {
  return {
    customerCode,
    area: "A",
    clientType: "residential",
    pricingMethod: "cylinder",
    terminated: false,
    balance: 0,
    creditLimit: null,
    hasActiveOrder: false,
    rejectedByImport: false,
    inOtherCohortOrWave: false,
    deliveries90d: 3,
    monthlyKg: 20,
    orderValue90d: 2_400,
    ...overrides,
  };
}

/** `count` plain candidates with consecutive codes from `firstCode`. */
export function plainCandidates(
  count: number,
  firstCode: number,
  overrides: Partial<CohortCandidate> = {},
): CohortCandidate[] {
  return Array.from({ length: count }, (_, index) => cohortCandidate(String(firstCode + index), overrides));
}

/** Every default exclusion switched on and an empty deny list, as a request without `exclude` parses. */
export const allExclusionsOn = {
  terminated: true,
  overCreditLimit: true,
  activeOrder: true,
  importRejected: true,
  otherCohortOrWave: true,
  deny: [] as string[],
};
