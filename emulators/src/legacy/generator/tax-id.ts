import type { Prng } from "./prng.js";

/** 統一編號 check: weights 1,2,1,2,1,2,4,1, add the digits of each product. */
const weights = [1, 2, 1, 2, 1, 2, 4, 1] as const;

function digitSum(value: number): number {
  return Math.floor(value / 10) + (value % 10);
}

/**
 * Valid when the sum is divisible by 5; when the 7th digit is 7 its product (28 → 10) may be
 * read as 1 or 0, so sum + 1 divisible by 5 is also valid. (Divisor 5 is the rule since 2023;
 * every id valid under the old divisor 10 stays valid.)
 */
export function isValidTaxId(taxId: string): boolean {
  if (!/^\d{8}$/.test(taxId)) return false;
  const digits = [...taxId].map(Number);
  const sum = digits.reduce((total, digit, index) => total + digitSum(digit * (weights[index] ?? 0)), 0);
  if (sum % 5 === 0) return true;
  return digits[6] === 7 && (sum + 1) % 5 === 0;
}

/** Random 7 digits, then a check digit chosen among those that give the wanted validity. */
export function makeTaxId(prng: Prng, valid: boolean): string {
  for (;;) {
    const prefix = Array.from({ length: 7 }, () => prng.int(0, 9)).join("");
    const candidates = [..."0123456789"].filter((last) => isValidTaxId(prefix + last) === valid);
    if (candidates.length > 0) return prefix + prng.pick(candidates);
  }
}
