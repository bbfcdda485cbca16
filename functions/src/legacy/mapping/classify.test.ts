import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyClientRow, classifyDeliveryRow } from "./classify.js";
import { legacyClientRowArbitrary, legacyDeliveryRowArbitrary } from "./legacy-arbitraries.js";
import { sampleClientRow, sampleDeliveryRow } from "./legacy-fixtures.js";

const known = new Set(["0100001"]);
const exists = (code: string) => known.has(code);

describe("classifyClientRow", () => {
  it("imports a tidy row, keeping warnings but not calling it repaired", () => {
    expect(classifyClientRow(sampleClientRow())).toMatchObject({
      outcome: "imported",
      key: "0100001",
      warnings: [],
    });
    const unparsed = classifyClientRow(sampleClientRow({ address: "都蘭部落入口右轉" }));
    expect(unparsed).toMatchObject({ outcome: "imported", warnings: [{ code: "address-unparsed" }] });
  });

  it("reports repairs with code, field and detail", () => {
    expect(classifyClientRow(sampleClientRow({ phone: "912345678" }))).toMatchObject({
      outcome: "repaired",
      repairs: [{ code: "phone-leading-zero", field: "phone", detail: expect.any(String) }],
    });
  });

  it.each([
    [sampleClientRow({ client_code: "123456" }), "client-code-format"],
    [{ ...sampleClientRow(), extra_column: 1 }, "row-schema"],
    [{ ...sampleClientRow(), cyl_20: "2" }, "row-schema"],
    [null, "row-schema"],
  ])("rejects %#: %s", (input, code) => {
    expect(classifyClientRow(input)).toMatchObject({
      outcome: "rejected",
      reason: { code, detail: expect.any(String) },
    });
  });

  it("never throws and always produces a schema-valid record or a reason", () => {
    const inputs = fc.oneof(legacyClientRowArbitrary, fc.anything());
    fc.assert(
      fc.property(inputs, (input) => {
        const result = classifyClientRow(input);
        expect(["imported", "repaired", "rejected"]).toContain(result.outcome);
        if (result.outcome === "rejected") expect(result.reason.code).not.toBe("mapping-failed");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("classifyDeliveryRow", () => {
  it.each([
    [sampleDeliveryRow({ client_code: "0100099" }), "client-missing"],
    [sampleDeliveryRow({ status: "09" }), "status-unknown"],
    [{ ...sampleDeliveryRow(), amount: 1.5 }, "row-schema"],
  ])("rejects %#: %s", (input, code) => {
    expect(classifyDeliveryRow(input, exists)).toMatchObject({ outcome: "rejected", reason: { code } });
  });

  it("imports an order for a known client", () => {
    expect(classifyDeliveryRow(sampleDeliveryRow(), exists)).toMatchObject({
      outcome: "imported",
      key: "D11411280007",
    });
  });

  it("never fails inside the mapping for generated rows", () => {
    fc.assert(
      fc.property(legacyDeliveryRowArbitrary(["0100001", "0100002"]), (row) => {
        const result = classifyDeliveryRow(row, exists);
        if (result.outcome === "rejected")
          expect(["client-missing", "status-unknown"]).toContain(result.reason.code);
      }),
      { numRuns: 1000 },
    );
  });
});
