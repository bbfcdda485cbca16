import { describe, expect, it } from "vitest";
import { countSegments, smsCost } from "./sms-segments.js";

describe("countSegments", () => {
  it("keeps plain ASCII in GSM-7: 160 in one SMS, 153 per part beyond", () => {
    expect(countSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(countSegments("a".repeat(306)).segments).toBe(2);
    expect(countSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts GSM-7 extension characters as two septets", () => {
    expect(countSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments(`${"€".repeat(80)}a`).segments).toBe(2);
  });

  it("switches to UCS-2 for Chinese: 70 in one SMS, 67 per part beyond", () => {
    expect(countSegments("幸".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(countSegments("幸".repeat(71))).toEqual({ encoding: "UCS-2", units: 71, segments: 2 });
    expect(countSegments("幸".repeat(134)).segments).toBe(2);
    expect(countSegments("幸".repeat(135)).segments).toBe(3);
  });

  it("lets one non-GSM character turn a whole ASCII message into UCS-2", () => {
    expect(countSegments(`${"a".repeat(100)}氣`)).toEqual({ encoding: "UCS-2", units: 101, segments: 2 });
  });

  it("counts characters outside the BMP as two UCS-2 units", () => {
    expect(countSegments("😀".repeat(35))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(countSegments("😀".repeat(36)).segments).toBe(2);
  });
});

describe("smsCost", () => {
  it("multiplies without float error", () => {
    expect(smsCost(3, "0.1")).toBe("0.3");
    expect(smsCost(2, "0.85")).toBe("1.70");
    expect(smsCost(1, "0.05")).toBe("0.05");
    expect(smsCost(4, "1")).toBe("4");
    expect(smsCost(0, "0.85")).toBe("0.00");
  });

  it("refuses a price that is not decimal text and a negative count", () => {
    expect(() => smsCost(1, "-1")).toThrow(RangeError);
    expect(() => smsCost(1, "1e3")).toThrow(RangeError);
    expect(() => smsCost(-1, "1")).toThrow(RangeError);
  });
});
