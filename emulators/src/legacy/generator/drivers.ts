import type { LegacyDriverRow } from "../../../../functions/src/legacy/legacy-rows.js";
import { personName } from "./names.js";
import { syntheticMobile } from "./phones.js";
import { createPrng } from "./prng.js";

export const driverCount = 8;

export function driverCode(index: number): string {
  return `DR${String(index + 1).padStart(2, "0")}`;
}

/** A handful of drivers; plates in an obviously fake `LG-00nn` series. */
export function generateDrivers(seed: number): LegacyDriverRow[] {
  const prng = createPrng(seed, "drivers");
  return Array.from({ length: driverCount }, (_, index) => ({
    driver_code: driverCode(index),
    name: personName(prng),
    phone: syntheticMobile(prng, prng.chance(0.5)),
    plate: `LG-${String(index + 1).padStart(4, "0")}`,
  }));
}
