import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Customer, customerSchema, customerTypeSchema } from "../../domain/customer.js";
import { clientRowToCustomer, customerToClientRow } from "./client-mapping.js";
import { LegacyRowRejectedError } from "./findings.js";
import { legacyClientRowArbitrary } from "./legacy-arbitraries.js";
import { sampleClientRow } from "./legacy-fixtures.js";

const codes = (findings: { code: string }[]) => findings.map((finding) => finding.code);

describe("clientRowToCustomer", () => {
  it("maps a tidy row with nothing kept aside and nothing to report", () => {
    const { customer, repairs, warnings } = clientRowToCustomer(sampleClientRow());
    expect(customer).toMatchObject({
      code: "0100001",
      taxId: { value: "04595257", valid: true },
      address: { parsed: { county: "臺東縣", district: "臺東市", road: "中華路一段", number: "100號" } },
      phones: { numbers: [{ kind: "mobile", national: "0912345678" }] },
      area: { code: "A", name: "瑞光", raw: "A-瑞光" },
      customerType: "night-market",
      pricingMethod: "cylinder",
      paymentMethod: "cash",
      timeSlot: "morning",
      vehicle: "motorcycle",
      closedDays: { weekdays: [6, 7] },
      subscription: true,
      sameDay: false,
      usage: { avgDailyKg: "1.25", monthlyKg: "38.0" },
      updatedAt: "2025-11-28T09:30:05+08:00",
      migration: { stage: "off" },
      legacyRaw: {},
    });
    expect(customer.cylinders).toMatchObject({ "regular-20kg": 2, "haoyun-20kg": 1, "regular-50kg": 0 });
    expect(repairs).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("names each repair it makes", () => {
    const row = sampleClientRow({
      phone: "912345678、89345678",
      area: "H-鹿野縣",
      closed_days: "2.2999999999999998",
      client_type: "工廠",
      pricing_method: "桶裝現金",
      cyl_20: -1,
    });
    const { customer, repairs } = clientRowToCustomer(row);
    expect(codes(repairs)).toEqual([
      "phone-leading-zero",
      "phone-leading-zero",
      "area-name-typo",
      "client-type-unknown",
      "pricing-method-variant",
      "count-negative",
      "closed-days-float-artifact",
    ]);
    expect(customer.phones.numbers.map((number) => number.national)).toEqual(["0912345678", "089345678"]);
    expect(customer.area).toEqual({ code: "H", name: "鹿野線", raw: "H-鹿野縣" });
    expect(customer.closedDays.weekdays).toEqual([2, 3]);
    expect(customer.customerType).toBe("commercial");
    expect(customer.legacyRaw).toEqual({ client_type: "工廠", pricing_method: "桶裝現金", cyl_20: -1 });
  });

  it("warns without rejecting on what it keeps as-is", () => {
    const row = sampleClientRow({
      address: "都蘭部落入口右轉",
      tax_id: "04595256",
      closed_days: "看心情",
      area: "Z-外島",
    });
    const { customer, warnings } = clientRowToCustomer(row);
    expect(codes(warnings)).toEqual([
      "tax-id-invalid",
      "address-unparsed",
      "area-unknown",
      "closed-days-unparsed",
    ]);
    expect(customer.address).toEqual({ raw: "都蘭部落入口右轉" });
    expect(customer.taxId).toEqual({ value: "04595256", valid: false });
  });

  it("keeps NULL and padding distinctions aside so they can be written back", () => {
    const row = sampleClientRow({
      payment_method: "收現",
      client_type: null,
      cyl_50: null,
      terminated: null,
      upd_time: null,
    });
    const { customer } = clientRowToCustomer(row);
    expect(customer).toMatchObject({ paymentMethod: "cash", customerType: "residential", terminated: false });
    expect(customer.updatedAt).toBe("2025-11-28T00:00:00+08:00");
    expect(customer.legacyRaw).toEqual({
      payment_method: "收現",
      client_type: null,
      cyl_50: null,
      terminated: null,
      upd_time: null,
    });
    expect(customerToClientRow(customer)).toStrictEqual(row);
  });

  it("rejects a client_code that is not 7 digits with a coded reason", () => {
    expect(() => clientRowToCustomer(sampleClientRow({ client_code: "12345" }))).toThrow(
      LegacyRowRejectedError,
    );
  });
});

describe("customerToClientRow", () => {
  it("writes an edit made in the new system instead of the stale legacy text", () => {
    const { customer } = clientRowToCustomer(sampleClientRow({ payment_method: "收現", phone: "912345678" }));
    const edited: Customer = {
      ...customer,
      paymentMethod: "monthly",
      phones: { ...customer.phones, numbers: [{ kind: "landline", national: "089345678", areaCode: "089" }] },
      closedDays: { ...customer.closedDays, weekdays: [], redLetterDays: true },
      area: { code: "G", name: "都蘭線", raw: "A-瑞光" },
    };
    expect(customerToClientRow(edited)).toMatchObject({
      payment_method: "月結",
      phone: "089-345678",
      closed_days: "見紅休",
      area: "G-都蘭線",
    });
  });

  it("re-imports any edited enum as the edited value", () => {
    const edits = fc.record({
      customerType: fc.constantFrom(...customerTypeSchema.options),
      paymentMethod: fc.constantFrom("cash", "monthly", "unspecified"),
      timeSlot: fc.constantFrom("all-day", "morning", "afternoon", "evening", "unspecified"),
      vehicle: fc.constantFrom("car", "motorcycle", "any"),
      terminated: fc.boolean(),
    } as const);
    fc.assert(
      fc.property(legacyClientRowArbitrary, edits, (row, edit) => {
        const edited = { ...clientRowToCustomer(row).customer, ...edit };
        expect(clientRowToCustomer(customerToClientRow(edited)).customer).toMatchObject(edit);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("clients ⇄ customers round trip", () => {
  it("legacy → new → (JSON storage) → legacy is the identity on every column", () => {
    fc.assert(
      fc.property(legacyClientRowArbitrary, (row) => {
        const { customer } = clientRowToCustomer(row);
        const stored = customerSchema.parse(JSON.parse(JSON.stringify(customer)));
        expect(customerToClientRow(stored)).toStrictEqual(row);
      }),
      { numRuns: 2000 },
    );
  });
});
