import { describe, expect, it } from "vitest";
import { formatCount, formatDuration, formatMoney, formatValue } from "./format-figures.js";

describe("figures", () => {
  it("formats counts, NT$ and durations as the office reads them", () => {
    expect(formatCount(1234567.891)).toBe("1,234,567.89");
    expect(formatMoney(-98765.4)).toBe("NT$ -98,765");
    expect(formatDuration(42)).toBe("42s");
    expect(formatDuration(130)).toBe("2m 10s");
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe("3h 05m");
    expect(formatDuration(Number.NaN)).toBe("?");
  });

  it("shows cells of any value on one line", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue(true)).toBe("yes");
    expect(formatValue(["x", 2])).toBe("x, 2");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});
