import { describe, expect, it } from "vitest";
import { isValidTaxId, taxIdChecksum } from "./tax-id.js";

// Weights 1,2,1,2,1,2,4,1; each product contributes the sum of its digits.
describe("統一編號 checksum", () => {
  it("accepts 04595257: products 0,8,5,18,5,4,20,7 → 0+8+5+9+5+4+2+7 = 40, 40 % 5 = 0", () => {
    expect(taxIdChecksum("04595257")).toBe(40);
    expect(isValidTaxId("04595257")).toBe(true);
  });

  it("accepts 22099131: products 2,4,0,18,9,2,12,1 → 2+4+0+9+9+2+3+1 = 30", () => {
    expect(taxIdChecksum("22099131")).toBe(30);
    expect(isValidTaxId("22099131")).toBe(true);
  });

  it("accepts 01615476 only through the 7th-digit-7 rule: products 0,2,6,2,5,8,28,6 → 39, 39+1 = 40", () => {
    expect(taxIdChecksum("01615476")).toBe(39);
    expect(isValidTaxId("01615476")).toBe(true);
  });

  it("rejects the same sum when the 7th digit is not 7: 04595256 → 39", () => {
    expect(taxIdChecksum("04595256")).toBe(39);
    expect(isValidTaxId("04595256")).toBe(false);
  });

  it("rejects a 7th-digit-7 number when neither sum nor sum+1 divides by 5: 01615478 → 41", () => {
    expect(taxIdChecksum("01615478")).toBe(41);
    expect(isValidTaxId("01615478")).toBe(false);
  });

  it.each(["", "1234567", "123456789", "0459525A", " 04595257"])("rejects malformed %j", (value) => {
    expect(isValidTaxId(value)).toBe(false);
  });
});
