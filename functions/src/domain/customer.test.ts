import { describe, expect, it } from "vitest";
import { parseTaiwanAddress } from "../taiwan/address.js";
import { parseClosedDays } from "../taiwan/closed-days.js";
import { parsePhoneCell } from "../taiwan/phone-cell.js";
import { type Customer, customerSchema } from "./customer.js";
import { customerCreateInputSchema, customerPatchInputSchema } from "./customer-input.js";
import { addressSchema, closedDaysSchema, phonesSchema } from "./customer-parts.js";
import { cylinderProducts } from "./products.js";

const noCylinders = Object.fromEntries(
  cylinderProducts.map((product) => [product, 0]),
) as Customer["cylinders"];

function sampleCustomer(): Customer {
  return {
    code: "0100001",
    shortName: "測試商店",
    invoiceTitle: null,
    taxId: { value: "04595257", valid: true },
    address: parseTaiwanAddress("臺東縣臺東市中華路一段100號"),
    phones: parsePhoneCell("0912-345-678、去前電"),
    area: { code: "A", name: "瑞光", raw: "A-瑞光" },
    customerType: "night-market",
    pricingMethod: "cylinder",
    paymentMethod: "cash",
    cylinders: { ...noCylinders, "regular-20kg": 2 },
    timeSlot: "morning",
    vehicle: "motorcycle",
    closedDays: parseClosedDays("7(初一十五)"),
    subscription: true,
    sameDay: false,
    terminated: false,
    usage: { avgDailyKg: "1.25", maxCycleDays: 30, canDelayDays: 3, monthlyKg: "38.0" },
    creditLimit: null,
    balance: 0,
    remark: null,
    updatedAt: "2025-11-28T09:30:05+08:00",
    createdAt: null,
    migration: { stage: "off" },
    legacyRaw: { payment_method: "收現" },
  };
}

describe("customerSchema", () => {
  it("accepts a complete customer and survives JSON storage", () => {
    const customer = sampleCustomer();
    expect(customerSchema.parse(JSON.parse(JSON.stringify(customer)))).toEqual(customer);
  });

  it("rejects unknown fields at every level", () => {
    expect(customerSchema.safeParse({ ...sampleCustomer(), extra: 1 }).success).toBe(false);
    const customer = sampleCustomer();
    expect(customerSchema.safeParse({ ...customer, usage: { ...customer.usage, kg: "1" } }).success).toBe(
      false,
    );
  });

  it("refuses a taxId.valid flag that contradicts the checksum", () => {
    const customer = sampleCustomer();
    expect(customerSchema.safeParse({ ...customer, taxId: { value: "04595256", valid: true } }).success).toBe(
      false,
    );
    expect(
      customerSchema.safeParse({ ...customer, taxId: { value: "04595256", valid: false } }).success,
    ).toBe(true);
  });

  it("keeps usage as decimal text, never numbers", () => {
    const customer = sampleCustomer();
    expect(
      customerSchema.safeParse({ ...customer, usage: { ...customer.usage, avgDailyKg: 1.25 } }).success,
    ).toBe(false);
  });

  it("matches what the taiwan/ parsers produce", () => {
    for (const cell of ["089-123456", "912345678、去前電", null, "", "0912345678 089345678"]) {
      expect(phonesSchema.safeParse(parsePhoneCell(cell)).success, String(cell)).toBe(true);
    }
    for (const raw of ["", "6.7", "2.2999999999999998", "Red", "10.20.30", "看心情"]) {
      expect(closedDaysSchema.safeParse(parseClosedDays(raw)).success, raw).toBe(true);
    }
    expect(
      addressSchema.safeParse(parseTaiwanAddress("台東縣卑南鄉太平村10鄰太平路100之2號3樓")).success,
    ).toBe(true);
  });
});

describe("customer API inputs", () => {
  it("creates with code, name and address; rejects unknown fields", () => {
    const minimal = { code: "0100002", shortName: "王小明", address: "臺東縣臺東市更生路1號" };
    expect(customerCreateInputSchema.parse(minimal)).toEqual(minimal);
    expect(customerCreateInputSchema.safeParse({ ...minimal, migration: { stage: "live" } }).success).toBe(
      false,
    );
    expect(customerCreateInputSchema.safeParse({ ...minimal, code: "12345" }).success).toBe(false);
    expect(customerCreateInputSchema.safeParse({ code: "0100002", shortName: "王小明" }).success).toBe(false);
  });

  it("patches any editable subset but not nothing and not unknown fields", () => {
    expect(customerPatchInputSchema.parse({ phones: "0912345678" })).toEqual({ phones: "0912345678" });
    expect(customerPatchInputSchema.parse({ cylinders: { "regular-20kg": 3 } })).toEqual({
      cylinders: { "regular-20kg": 3 },
    });
    expect(customerPatchInputSchema.safeParse({}).success).toBe(false);
    expect(customerPatchInputSchema.safeParse({ code: "0100003" }).success).toBe(false);
    expect(customerPatchInputSchema.safeParse({ cylinders: { "regular-21kg": 3 } }).success).toBe(false);
  });
});
