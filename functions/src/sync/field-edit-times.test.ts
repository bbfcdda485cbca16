import { describe, expect, it } from "vitest";
import { clientRowToCustomer } from "../legacy/mapping/client-mapping.js";
import { sampleClientRow } from "../legacy/mapping/legacy-fixtures.js";
import { editedColumns, everyColumn, fieldEditedAt } from "./field-edit-times.js";

const customer = (overrides: Record<string, unknown>) =>
  clientRowToCustomer(sampleClientRow({ client_code: "0100001", ...overrides })).customer;

describe("field edit times", () => {
  it("a field's time is its own edit or the record's creation, whichever is later", () => {
    expect(fieldEditedAt({ remark: 5, [everyColumn]: 3 }, "remark")).toBe(5);
    expect(fieldEditedAt({ remark: 2, [everyColumn]: 3 }, "remark")).toBe(3);
    expect(fieldEditedAt({ [everyColumn]: 3 }, "phone")).toBe(3);
    expect(fieldEditedAt({ remark: 5 }, "phone")).toBeUndefined();
  });

  it("a person's write edits the columns it changes; a create edits them all", () => {
    const before = customer({ remark: "a", phone: "089-345678" });
    expect(editedColumns("customer", before, customer({ remark: "b", phone: "089-345678" }))).toEqual([
      "remark",
    ]);
    expect(editedColumns("customer", before, before)).toEqual([]);
    expect(editedColumns("customer", undefined, before)).toEqual([everyColumn]);
  });
});
