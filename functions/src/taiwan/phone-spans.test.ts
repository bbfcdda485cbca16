import { describe, expect, it } from "vitest";
import { scanNumbers } from "./phone-spans.js";

/** The written text of each phone found, with the digits that only locate the line. */
function found(text: string) {
  return scanNumbers(text).phones.map((span) => ({
    national: span.phone.national,
    written: text.slice(span.digitIndices[0], (span.digitIndices.at(-1) ?? 0) + 1),
    location: span.digitIndices
      .slice(0, span.locationDigits)
      .map((index) => text[index])
      .join(""),
  }));
}

describe("scanNumbers", () => {
  it("finds each number of a cell with its country and area code", () => {
    expect(found("+886-912-345-678、(089)345678 0912 345 678 345-678")).toEqual([
      { national: "0912345678", written: "886-912-345-678", location: "8869" },
      { national: "089345678", written: "089)345678", location: "089" },
      { national: "0912345678", written: "0912 345 678", location: "09" },
      { national: "089345678", written: "345-678", location: "" },
    ]);
  });

  it("reads the trunk 0 written after +886", () => {
    expect(found("+886(0)89 345678")).toEqual([
      { national: "089345678", written: "886(0)89 345678", location: "886089" },
    ]);
  });

  it("reports standalone numbers that are no phone, and ignores ids, decimals and dates", () => {
    const scan = scanNumbers("統編 04595257 客戶 1000123 D11511280001 3.141592 2026-12-01");
    expect(scan.phones).toEqual([]);
    expect(scan.otherNumbers.map((group) => group.digits)).toEqual(["04595257", "1000123"]);
  });
});
