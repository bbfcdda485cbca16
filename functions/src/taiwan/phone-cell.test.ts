import { describe, expect, it } from "vitest";
import { parsePhoneCell } from "./phone-cell.js";
import { classifyNationalDigits, formatPhone, maskPhone } from "./phone-numbers.js";

describe("parsePhoneCell", () => {
  it("reads a Taitung landline and a mobile", () => {
    expect(parsePhoneCell("089-123456").numbers).toEqual([
      { kind: "landline", national: "089123456", areaCode: "089" },
    ]);
    expect(parsePhoneCell("0912345678").numbers).toEqual([{ kind: "mobile", national: "0912345678" }]);
  });

  it("splits several numbers in one cell on 、 , / ; and spaces", () => {
    for (const cell of [
      "0912-345-678、089-345678",
      "0912345678,089345678",
      "0912345678 / 089-345678",
      "0912345678；089345678",
      "0912345678 089345678",
    ]) {
      expect(
        parsePhoneCell(cell).numbers.map((n) => n.national),
        cell,
      ).toEqual(["0912345678", "089345678"]);
    }
  });

  it("keeps notes such as 去前電 as notes, not numbers", () => {
    expect(parsePhoneCell("去前電")).toEqual({ numbers: [], notes: ["去前電"], raw: "去前電" });
    const mixed = parsePhoneCell("陳先生0912345678、晚上打");
    expect(mixed.numbers.map((n) => n.national)).toEqual(["0912345678"]);
    expect(mixed.notes).toEqual(["陳先生", "晚上打"]);
  });

  it("repairs lost leading zeros and names the repair", () => {
    expect(parsePhoneCell("912345678").numbers).toEqual([
      { kind: "mobile", national: "0912345678", repaired: "leading-zero" },
    ]);
    expect(parsePhoneCell("89345678").numbers).toEqual([
      { kind: "landline", national: "089345678", areaCode: "089", repaired: "leading-zero" },
    ]);
  });

  it("assumes 089 for a bare 6-digit Taitung local number", () => {
    expect(parsePhoneCell("345678").numbers[0]).toMatchObject({
      national: "089345678",
      repaired: "taitung-area-code",
    });
  });

  it("reads full-width digits and bracketed area codes", () => {
    expect(parsePhoneCell("０９１２３４５６７８").numbers[0]?.national).toBe("0912345678");
    expect(parsePhoneCell("(02)2345-6789").numbers[0]).toEqual({
      kind: "landline",
      national: "0223456789",
      areaCode: "02",
    });
  });

  it.each([
    "+886912345678",
    "+886-912-345-678",
    "+886 912 345 678",
    "+886 912345678",
    "+886(0)912345678",
    "+886.912.345.678",
    "＋８８６９１２３４５６７８",
    "0912.345.678",
  ])("reads %s as the mobile 0912345678", (cell) => {
    expect(parsePhoneCell(cell)).toEqual({
      numbers: [{ kind: "mobile", national: "0912345678" }],
      notes: [],
      raw: cell,
    });
  });

  it.each([
    ["+886 89 345678", "089345678", "089"],
    ["+886-89-345-678", "089345678", "089"],
    ["+886 (89) 345678", "089345678", "089"],
    ["+886-2-2345-6789", "0223456789", "02"],
  ])("reads the international landline %s as %s", (cell, national, areaCode) => {
    expect(parsePhoneCell(cell).numbers).toEqual([{ kind: "landline", national, areaCode }]);
  });

  it("reads +886 numbers among other numbers and notes", () => {
    const cell = parsePhoneCell("陳先生 +886-912-345-678、089-345678");
    expect(cell.numbers.map((n) => n.national)).toEqual(["0912345678", "089345678"]);
    expect(cell.notes).toEqual(["陳先生"]);
  });

  it("keeps a +886 number that fits no plan as a note rather than guessing", () => {
    expect(parsePhoneCell("+886 12345")).toEqual({ numbers: [], notes: ["+886 12345"], raw: "+886 12345" });
  });

  it("distinguishes NULL from an empty cell and never throws on junk", () => {
    expect(parsePhoneCell(null)).toEqual({ numbers: [], notes: [], raw: null });
    expect(parsePhoneCell("")).toEqual({ numbers: [], notes: [], raw: "" });
    expect(parsePhoneCell("12")).toEqual({ numbers: [], notes: ["12"], raw: "12" });
  });
});

describe("Taiwan numbering plan", () => {
  it.each([
    ["0223456789", "02"],
    ["031234567", "03"],
    ["037123456", "037"],
    ["041234567", "04"],
    ["0412345678", "04"],
    ["0491234567", "049"],
    ["051234567", "05"],
    ["061234567", "06"],
    ["071234567", "07"],
    ["081234567", "08"],
    ["082123456", "082"],
    ["082612345", "0826"],
    ["083612345", "0836"],
    ["089123456", "089"],
  ])("%s is a landline in area %s", (digits, areaCode) => {
    expect(classifyNationalDigits(digits)).toEqual({ kind: "landline", national: digits, areaCode });
  });

  it.each(["02234567", "0891234567", "03712345", "0836123456", "091234567"])(
    "%s has the wrong length",
    (digits) => {
      expect(classifyNationalDigits(digits)).toBeUndefined();
    },
  );

  it("formats landlines with a hyphen after the area code", () => {
    expect(formatPhone({ kind: "landline", national: "089345678", areaCode: "089" })).toBe("089-345678");
    expect(formatPhone({ kind: "mobile", national: "0912345678" })).toBe("0912345678");
  });
});

describe("maskPhone", () => {
  it("hides the middle digits of every number in free text", () => {
    expect(maskPhone("0912345678")).toBe("0912***678");
    expect(maskPhone("0912-345-678、089-345678 去前電")).toBe("0912***678、0893**678 去前電");
    expect(maskPhone("345678")).toBe("34**78");
    expect(maskPhone("去前電")).toBe("去前電");
  });
});
