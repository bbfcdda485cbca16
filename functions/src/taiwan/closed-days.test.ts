import { describe, expect, it } from "vitest";
import { type ClosedDays, formatClosedDays, parseClosedDays } from "./closed-days.js";

const none = { weekdays: [], daysOfMonth: [], redLetterDays: false, lunar: [] };

describe("parseClosedDays", () => {
  it.each<[string | null, Partial<ClosedDays>]>([
    [null, {}],
    ["", {}],
    ["6", { weekdays: [6] }],
    ["6.7", { weekdays: [6, 7] }],
    ["1.2.3", { weekdays: [1, 2, 3] }],
    ["Red", { redLetterDays: true }],
    ["見紅休", { redLetterDays: true }],
    ["10.20.30", { daysOfMonth: [10, 20, 30] }],
    ["7(初一十五)", { weekdays: [7], lunar: [1, 15] }],
    ["週日", { weekdays: [7] }],
    ["5日.6", { weekdays: [6], daysOfMonth: [5] }],
  ])("%j", (raw, expected) => {
    expect(parseClosedDays(raw)).toEqual({ ...none, ...expected, raw });
  });

  it("repairs the float artifact 2.2999999999999998 as 2.3 and names the repair", () => {
    expect(parseClosedDays("2.2999999999999998")).toEqual({
      ...none,
      weekdays: [2, 3],
      repaired: "float-artifact",
      raw: "2.2999999999999998",
    });
  });

  it("keeps what it cannot read as unparsed, alongside what it can", () => {
    expect(parseClosedDays("6 看心情")).toEqual({
      ...none,
      weekdays: [6],
      unparsed: "看心情",
      raw: "6 看心情",
    });
  });

  it.each<Omit<ClosedDays, "raw">>([
    { ...none, weekdays: [6, 7] },
    { ...none, daysOfMonth: [10, 20, 30] },
    { ...none, daysOfMonth: [1, 5] },
    { ...none, weekdays: [1], daysOfMonth: [15], redLetterDays: true, lunar: [1, 15] },
  ])("formats %j so that parsing it gives it back", (days) => {
    const text = formatClosedDays(days);
    const { raw, ...parsed } = parseClosedDays(text);
    expect(raw).toBe(text);
    expect(parsed).toEqual(days);
  });
});
