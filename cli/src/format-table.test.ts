import { describe, expect, it } from "vitest";
import { formatRecords, formatTable } from "./format-table.js";

describe("formatTable", () => {
  it("pads columns, right-aligns numbers and separates thousands", () => {
    expect(
      formatTable(
        ["rule", "excluded"],
        [
          ["terminated", 1200],
          ["deny", 3],
        ],
      ),
    ).toBe(
      ["rule        excluded", "----------  --------", "terminated     1,200", "deny               3"].join(
        "\n",
      ),
    );
  });
});

describe("formatRecords", () => {
  it("makes a column of each shallow field, in first-seen order, and leaves nested ones to --json", () => {
    const text = formatRecords([
      { customerCode: "0000001", stage: "live", detail: { deep: true } },
      { customerCode: "0000002", stage: "shadow", tags: ["a", "b"], outcome: null },
    ]);
    expect(text.split("\n")).toEqual([
      "customerCode  stage   tags  outcome",
      "------------  ------  ----  -------",
      "0000001       live    —     —",
      "0000002       shadow  a, b  —",
    ]);
  });
});
