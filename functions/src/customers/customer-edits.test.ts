import { describe, expect, it } from "vitest";
import { customerSchema } from "../domain/customer.js";
import { clientRowToCustomer, customerToClientRow } from "../legacy/mapping/client-mapping.js";
import { sampleClientRow } from "../legacy/mapping/legacy-fixtures.js";
import { applyCustomerPatch, newCustomer, taipeiNow } from "./customer-edits.js";

const now = new Date("2026-11-28T04:05:06Z");

describe("customer edits", () => {
  it("derive the structured parts from the text the office types", () => {
    const created = newCustomer(
      {
        code: "1234567",
        shortName: "測試",
        address: "臺東縣臺東市中華路一段100號",
        phones: "0912-345-678 陳先生",
        taxId: "04595257",
        areaCode: "H",
      },
      now,
    );
    expect(created.phones.numbers.map((number) => number.national)).toEqual(["0912345678"]);
    expect(created.address.parsed?.county).toBe("臺東縣");
    expect(created.taxId).toEqual({ value: "04595257", valid: true });
    expect(created.area).toEqual({ code: "H", name: "鹿野線", raw: "H-鹿野線" });
    expect(created.updatedAt).toBe("2026-11-28T12:05:06+08:00");
  });

  it("merge partial cylinders and usage, and survive a legacy write and read back", () => {
    const { customer } = clientRowToCustomer(sampleClientRow());
    const patched = applyCustomerPatch(
      customer,
      {
        cylinders: { "regular-20kg": 7 },
        remark: "後門",
        closedDays: { weekdays: [7], daysOfMonth: [], redLetterDays: true, lunar: [] },
      },
      now,
    );
    expect(patched.cylinders["regular-20kg"]).toBe(7);
    expect(patched.cylinders["regular-50kg"]).toBe(customer.cylinders["regular-50kg"]);
    const reread = clientRowToCustomer(customerToClientRow(patched)).customer;
    expect(reread.remark).toBe("後門");
    expect(reread.cylinders).toEqual(patched.cylinders);
    expect(reread.closedDays.weekdays).toEqual([7]);
    expect(reread.updatedAt).toBe(taipeiNow(now));
    expect(customerSchema.safeParse(patched).success).toBe(true);
  });

  it("clear the area with null", () => {
    const { customer } = clientRowToCustomer(sampleClientRow());
    expect(applyCustomerPatch(customer, { areaCode: null }, now).area).toEqual({
      code: null,
      name: null,
      raw: null,
    });
  });
});
