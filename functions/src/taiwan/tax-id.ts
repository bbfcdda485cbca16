/**
 * 統一編號 (Unified Business Number) checksum, as published by the Ministry of Finance
 * (divisor 5 since 2023; every number valid under the older divisor 10 stays valid).
 */
const weights = [1, 2, 1, 2, 1, 2, 4, 1] as const;
const seventhDigitIndex = 6;

function digitSum(n: number): number {
  return Math.floor(n / 10) + (n % 10);
}

/** Sum of the digit sums of each digit × its weight; exported so tests can show their work. */
export function taxIdChecksum(taxId: string): number {
  let sum = 0;
  for (const [index, weight] of weights.entries()) {
    sum += digitSum(Number(taxId[index]) * weight);
  }
  return sum;
}

/**
 * When the 7th digit is 7 its product is 28 → 2+8 = 10, which may count as 1+0 = 1 or as 0;
 * so the number is also valid when sum + 1 is a multiple of 5.
 */
export function isValidTaxId(taxId: string): boolean {
  if (!/^\d{8}$/.test(taxId)) return false;
  const sum = taxIdChecksum(taxId);
  if (sum % 5 === 0) return true;
  return taxId[seventhDigitIndex] === "7" && (sum + 1) % 5 === 0;
}
