import { describe, expect, it } from "vitest";
import { epochDay, rocDate, rocTime, weekday } from "./roc-date.js";

describe("ROC dates", () => {
  it("writes 民國 year, month and day as YYYMMDD", () => {
    expect(rocDate(epochDay(2025, 11, 28))).toBe("1141128");
    expect(rocDate(epochDay(2024, 2, 29))).toBe("1130229");
    expect(rocDate(epochDay(2000, 1, 5))).toBe("0890105");
  });

  it("steps across month and year ends", () => {
    expect(rocDate(epochDay(2023, 12, 31) + 1)).toBe("1130101");
    expect(rocDate(epochDay(2023, 2, 28) + 1)).toBe("1120301");
  });

  it("writes times as HHMMSS", () => {
    expect(rocTime(0)).toBe("000000");
    expect(rocTime(13 * 3600 + 5 * 60 + 9)).toBe("130509");
  });

  it("knows the weekday", () => {
    expect(weekday(epochDay(2025, 11, 28))).toBe(5); // a Friday
  });
});
