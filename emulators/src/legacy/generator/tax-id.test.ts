import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPrng } from "./prng.js";
import { isValidTaxId, makeTaxId } from "./tax-id.js";

describe("isValidTaxId", () => {
  // 1 2 3 4 5 6 0 1 × 1 2 1 2 1 2 4 1 → 1 4 3 8 5 12 0 1 → digit sums 1+4+3+8+5+3+0+1 = 25.
  it("accepts a sum divisible by 5 and rejects its neighbours", () => {
    expect(isValidTaxId("12345601")).toBe(true);
    expect(isValidTaxId("12345602")).toBe(false); // 26
    expect(isValidTaxId("12345600")).toBe(false); // 24: +1 would do, but the 7th digit is not 7
  });

  // 1 0 4 5 8 5 7 4 → 1 0 4 10 8 10 28 4 → 1+0+4+1+8+1+10+4 = 29: valid only by the 7th-digit-7 rule.
  it("applies the 7th-digit-7 rule", () => {
    expect(isValidTaxId("10458574")).toBe(true);
    expect(isValidTaxId("10458573")).toBe(false); // 28, and 29 is not divisible by 5 either
  });

  it("rejects anything but 8 digits", () => {
    for (const bad of ["", "1234567", "123456789", "1234567a", " 2345601"])
      expect(isValidTaxId(bad)).toBe(false);
  });

  it("has exactly two valid check digits per prefix, four when the 7th digit is 7", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), (prefix) => {
        const valid = [..."0123456789"].filter((last) => isValidTaxId(prefix + last)).length;
        return valid === (prefix[6] === "7" ? 4 : 2);
      }),
    );
  });
});

describe("makeTaxId", () => {
  it("makes ids with the validity asked for", () => {
    const prng = createPrng(5, "tax-ids");
    for (let i = 0; i < 500; i += 1) {
      const valid = i % 2 === 0;
      const id = makeTaxId(prng, valid);
      expect(id).toMatch(/^\d{8}$/);
      expect(isValidTaxId(id)).toBe(valid);
    }
  });
});
