import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyClientRow } from "./classify.js";
import {
  buildImportReport,
  formatImportReport,
  ImportReportBuilder,
  isImportReportConsistent,
} from "./import-report.js";
import { legacyClientRowArbitrary } from "./legacy-arbitraries.js";
import { sampleClientRow } from "./legacy-fixtures.js";

describe("buildImportReport", () => {
  const rows = [
    sampleClientRow(),
    sampleClientRow({ client_code: "0100002", phone: "912345678、89345678" }),
    sampleClientRow({ client_code: "0100003", address: "都蘭部落入口右轉", area: "H-鹿野縣" }),
    sampleClientRow({ client_code: "12" }),
    { not: "a row" },
  ];

  it("counts outcomes and codes per row", () => {
    const report = buildImportReport(rows.map(classifyClientRow));
    expect(report).toEqual({
      rowsSeen: 5,
      outcomes: { imported: 1, repaired: 2, rejected: 2 },
      repairs: { "phone-leading-zero": 1, "area-name-typo": 1 },
      warnings: { "address-unparsed": 1 },
      rejections: { "client-code-format": 1, "row-schema": 1 },
      rejectedSamples: { "client-code-format": ["12"], "row-schema": [null] },
    });
    expect(isImportReportConsistent(report)).toBe(true);
  });

  it("formats a readable table whose numbers match the report", () => {
    const text = formatImportReport(buildImportReport(rows.map(classifyClientRow)), "clients");
    expect(text).toContain("clients");
    expect(text).toMatch(/rows seen\s+5\s+100\.0%/);
    expect(text).toMatch(/ {2}repaired\s+2\s+40\.0%/);
    expect(text).toMatch(/phone-leading-zero\s+1\s+20\.0%/);
    expect(text).toContain("totals add up");
    expect(text).toContain("client-code-format: 12");
  });

  it("drops nothing: outcomes always add up to the rows seen", () => {
    const inputs = fc.array(fc.oneof(legacyClientRowArbitrary, fc.anything()), { maxLength: 30 });
    fc.assert(
      fc.property(inputs, (batch) => {
        const report = buildImportReport(batch.map(classifyClientRow));
        expect(report.rowsSeen).toBe(batch.length);
        expect(isImportReportConsistent(report)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("hands out snapshots the builder cannot change afterwards", () => {
    const builder = new ImportReportBuilder();
    builder.add(classifyClientRow(sampleClientRow()));
    const first = builder.build();
    builder.add(classifyClientRow(sampleClientRow()));
    expect(first.rowsSeen).toBe(1);
    expect(builder.build().rowsSeen).toBe(2);
  });

  it("flags a report whose totals do not add up", () => {
    const report = buildImportReport([]);
    expect(formatImportReport(report)).toContain("totals add up");
    expect(formatImportReport({ ...report, rowsSeen: 3 })).toContain("TOTALS DO NOT ADD UP");
  });
});
