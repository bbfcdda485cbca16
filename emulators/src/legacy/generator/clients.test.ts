import { beforeAll, describe, expect, it } from "vitest";
import { type LegacyClientRow, legacyClientRowSchema } from "../../../../functions/src/legacy/legacy-rows.js";
import { canonicalAreas } from "./areas.js";
import { allClientProfiles, generateClientBatch } from "./clients.js";
import { seedPlan } from "./plan.js";
import { isValidTaxId } from "./tax-id.js";

/** 20,000 clients: enough that a 1-point share is ±0.15 points of sampling noise. */
const plan = seedPlan({ seed: 11, scale: 4 });
let rows: LegacyClientRow[] = [];

beforeAll(() => {
  rows = Array.from(
    { length: plan.clientBatches },
    (_, batchNo) => generateClientBatch(plan, batchNo).rows,
  ).flat();
});

function share(predicate: (row: LegacyClientRow) => boolean): number {
  return rows.filter(predicate).length / rows.length;
}

/**
 * A strict reading of a Taiwanese address: county, then township, then road/street/lane, then a
 * number with 號. Deliberately independent of how the generator builds addresses.
 */
const strictAddress =
  /^(臺東縣|台東縣)(臺東市|台東市|[^縣市鄉鎮區]{1,3}[鄉鎮市區])[^()（）\d]+?[路街]([一二三四五]段)?(\d+巷)?\d+(之\d+)?號/;

describe("generated clients", () => {
  it("are byte-identical for the same seed and differ for another", () => {
    const again = generateClientBatch(plan, 3).rows;
    expect(JSON.stringify(again)).toBe(JSON.stringify(rows.slice(3_000, 4_000)));
    const otherSeed = generateClientBatch(seedPlan({ seed: 12, scale: 4 }), 3).rows;
    expect(JSON.stringify(otherSeed)).not.toBe(JSON.stringify(again));
  });

  it("scale sets the count and profiles line up with rows", () => {
    expect(rows).toHaveLength(20_000);
    expect(allClientProfiles(plan).map((profile) => profile.code)).toEqual(
      rows.map((row) => row.client_code),
    );
  });

  it("match the legacy row schema and the vendor's column widths", () => {
    for (const row of rows) {
      legacyClientRowSchema.parse(row);
      expect(row.client_code).toMatch(/^\d{7}$/);
      expect(row.short_name.length).toBeLessThanOrEqual(40);
      expect((row.area ?? "").length).toBeLessThanOrEqual(12);
      expect((row.pricing_method ?? "").length).toBeLessThanOrEqual(6);
      expect((row.payment_method ?? "").length).toBeLessThanOrEqual(4);
      expect((row.closed_days ?? "").length).toBeLessThanOrEqual(20);
      expect((row.phone ?? "").length).toBeLessThanOrEqual(80);
      expect(row.upd_date).toMatch(/^1[01]\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/);
    }
    expect(new Set(rows.map((row) => row.client_code)).size).toBe(rows.length);
  });

  it("spread over areas in the business's proportions", () => {
    const expected: Record<string, number> = {
      "A-瑞光": 0.28,
      "B-四維": 0.22,
      "C-漢中": 0.18,
      "D-東方大鎮": 0.13,
      "E-力國": 0.06,
    };
    for (const [area, target] of Object.entries(expected)) {
      expect(Math.abs(share((row) => row.area === area) - target)).toBeLessThan(0.015);
    }
    const typos = share((row) => !canonicalAreas.includes(row.area ?? ""));
    expect(typos).toBeGreaterThan(0);
    expect(typos).toBeLessThan(0.01);
  });

  it("have ≈9% addresses a strict parser rejects", () => {
    const unparseable = share((row) => !strictAddress.test(row.address));
    expect(unparseable).toBeGreaterThan(0.075);
    expect(unparseable).toBeLessThan(0.105);
  });

  it("carry ≈40% tax ids, mostly valid, a few invalid, a few left blank", () => {
    const withTitle = rows.filter((row) => row.invoice_title);
    const withId = withTitle.filter((row) => row.tax_id);
    expect(withId.length / rows.length).toBeGreaterThan(0.37);
    expect(withId.length / rows.length).toBeLessThan(0.43);
    const invalid = withId.filter((row) => !isValidTaxId(row.tax_id ?? "")).length / withId.length;
    expect(invalid).toBeGreaterThan(0.03);
    expect(invalid).toBeLessThan(0.1);
    expect((withTitle.length - withId.length) / withTitle.length).toBeGreaterThan(0.01);
  });

  it("follow the coded columns' shares", () => {
    const near = (actual: number, target: number, tolerance = 0.015) =>
      expect(Math.abs(actual - target)).toBeLessThan(tolerance);
    near(
      share((row) => row.client_type === ""),
      0.92,
    );
    near(
      share((row) => row.pricing_method === "流量"),
      0.375,
    );
    near(
      share((row) => row.payment_method === "月結"),
      0.48,
    );
    near(
      share((row) => row.time_slot === "2"),
      0.23,
    );
    near(
      share((row) => row.vehicle === "1"),
      0.83,
    );
    near(
      share((row) => row.subscription === "V"),
      0.25,
    );
    near(
      share((row) => row.terminated === "V"),
      0.01,
      0.005,
    );
    near(
      share((row) => row.closed_days === ""),
      0.85,
    );
  });

  it("use only obviously synthetic phone numbers", () => {
    for (const row of rows) {
      for (const number of (row.phone ?? "").split("、").filter((part) => /\d/.test(part))) {
        const digits = number.replace(/-/g, "");
        // 089-0…: no Taitung subscriber number starts with 0; mobiles stay in 0900-0…; or the same minus a lost leading zero.
        expect(digits).toMatch(/^0?(890\d{5}|9000\d{5})$/);
      }
    }
  });
});
