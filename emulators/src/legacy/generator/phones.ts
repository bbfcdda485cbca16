import { type Prng, pickWeighted, weightedTable } from "./prng.js";

/**
 * Obviously synthetic numbers. Taiwanese subscriber numbers never start with 0 after the area
 * code, so 089-0xxxxx can't be a real Taitung landline; mobiles use the 0900-0xx-xxx block.
 */
function digits(prng: Prng, count: number): string {
  return Array.from({ length: count }, () => prng.int(0, 9)).join("");
}

export function syntheticLandline(prng: Prng): string {
  return `089-0${digits(prng, 5)}`;
}

export function syntheticMobile(prng: Prng, dashed: boolean): string {
  const rest = `0${digits(prng, 5)}`;
  return dashed ? `0900-${rest.slice(0, 3)}-${rest.slice(3)}` : `0900${rest}`;
}

type PhoneShape =
  | "landline"
  | "mobile"
  | "dashedMobile"
  | "both"
  | "callBefore"
  | "lostZero"
  | "empty"
  | "null";

const phoneShapes = weightedTable<PhoneShape>([
  ["landline", 35],
  ["mobile", 30],
  ["dashedMobile", 3],
  ["both", 14],
  ["callBefore", 2],
  ["lostZero", 5],
  ["empty", 8],
  ["null", 3],
]);

/** Free text as the vendor app stores it: several numbers, notes, spreadsheet-mangled zeros. */
export function legacyPhone(prng: Prng): string | null {
  switch (pickWeighted(prng, phoneShapes)) {
    case "landline":
      return syntheticLandline(prng);
    case "mobile":
      return syntheticMobile(prng, false);
    case "dashedMobile":
      return syntheticMobile(prng, true);
    case "both":
      return `${syntheticMobile(prng, true)}、${syntheticLandline(prng)}`;
    case "callBefore":
      return "去前電";
    case "lostZero":
      // Imported once through a spreadsheet that read the number as an integer.
      return prng.chance(0.6)
        ? syntheticMobile(prng, false).slice(1)
        : syntheticLandline(prng).replace("-", "").slice(1);
    case "empty":
      return "";
    case "null":
      return null;
  }
}
