import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoToRocDate, isoToRocDateTime, RocDateError, rocDateTimeToIso, rocDateToIso } from "./roc-date.js";

describe("ROC dates", () => {
  it.each(["1141128", "114/11/28", "114年11月28日", "114-11-28", "114.11.28", " 1141128"])(
    "%j is 2025-11-28",
    (text) => {
      expect(rocDateToIso(text)).toEqual({ ok: true, value: "2025-11-28" });
    },
  );

  it("reads two-digit ROC years with or without the leading zero", () => {
    expect(rocDateToIso("0991231")).toEqual({ ok: true, value: "2010-12-31" });
    expect(rocDateToIso("991231")).toEqual({ ok: true, value: "2010-12-31" });
  });

  it("writes all three styles", () => {
    expect(isoToRocDate("2025-11-28")).toEqual({ ok: true, value: "1141128" });
    expect(isoToRocDate("2010-01-05")).toEqual({ ok: true, value: "0990105" });
    expect(isoToRocDate("2025-11-28", "slash")).toEqual({ ok: true, value: "114/11/28" });
    expect(isoToRocDate("2025-11-08", "chinese")).toEqual({ ok: true, value: "114年11月8日" });
  });

  it.each([
    ["", "roc-date-blank"],
    [null, "roc-date-blank"],
    ["       ", "roc-date-blank"],
    ["abc", "roc-date-format"],
    ["1140230", "roc-date-calendar"],
    ["1141301", "roc-date-calendar"],
    ["0000101", "roc-date-calendar"],
  ] as const)("%j fails with %s as a result, not an exception", (text, code) => {
    const result = rocDateToIso(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(RocDateError);
      expect(result.error.code).toBe(code);
    }
  });

  it("accepts 29 February only in leap years", () => {
    expect(rocDateToIso("1130229").ok).toBe(true); // 2024
    expect(rocDateToIso("1140229").ok).toBe(false); // 2025
  });

  it("round-trips every date from ROC 1 to ROC 999", () => {
    const dates = fc.date({
      min: new Date("1912-01-01T00:00:00Z"),
      max: new Date("2910-12-31T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(dates, (date) => {
        const iso = date.toISOString().slice(0, 10);
        const roc = isoToRocDate(iso);
        expect(roc.ok && rocDateToIso(roc.value)).toEqual({ ok: true, value: iso });
      }),
      { numRuns: 1000 },
    );
  });
});

describe("upd_date + upd_time", () => {
  it("reads the Taipei wall clock as +08:00", () => {
    expect(rocDateTimeToIso("1141128", "093005")).toEqual({ ok: true, value: "2025-11-28T09:30:05+08:00" });
  });

  it("converts any instant back to the Taipei wall clock, crossing midnight", () => {
    expect(isoToRocDateTime("2025-11-28T09:30:05+08:00")).toEqual({
      ok: true,
      value: { date: "1141128", time: "093005" },
    });
    expect(isoToRocDateTime("2025-11-28T17:00:00Z")).toEqual({
      ok: true,
      value: { date: "1141129", time: "010000" },
    });
  });

  it("rejects bad times with a typed code", () => {
    for (const time of ["246000", "12345", null, "ab0000"]) {
      const result = rocDateTimeToIso("1141128", time);
      expect(!result.ok && result.error.code).toBe("roc-time-format");
    }
    expect(isoToRocDateTime("not a date").ok).toBe(false);
  });
});
