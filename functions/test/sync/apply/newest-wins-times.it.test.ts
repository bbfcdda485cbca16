import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { change, pushChange } from "./apply-support.js";
import {
  apiEdit,
  customerWith,
  legacyEdit,
  legacyRowOf,
  newRowOf,
  vendorStamp,
  vendorWrite,
} from "./sync-fixtures.js";

/**
 * newest-wins decides by when people edited. A vendor edit at 10:13 must beat a new-side edit made
 * at 10:10 even when the sync wrote the record at 10:14 (an earlier vendor change arriving late):
 * that sync write is nobody's edit of the field.
 */
let stack: ApplyStack;
const code = "0400001";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startApplyStack("sync-newest-wins");
  await stack.setStage(code, "dualwrite");
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const fromLegacy = (version: number, row: Record<string, unknown>, committedAt: Date) =>
  change({
    source: "legacy",
    entity: "customer",
    key: code,
    customerCode: code,
    sourceVersion: version,
    data: row,
    committedAt: committedAt.toISOString(),
  });

describe("newest-wins", () => {
  it("compares the vendor's edit with the last person edit on the new side, not with sync writes", async () => {
    const base = sampleClientRow({ client_code: code, remark: "as imported", phone: "089-345678" });
    expect(await pushChange(stack.toNew, stack.projectId, fromLegacy(1, base, new Date()))).toBeLessThan(300);
    await pause(50);
    // 10:10 — a person edits the remark on the new side (its change to legacy is still in flight).
    await apiEdit(stack.db, { ...customerWith(code, { remark: "new side, 10:10", phone: "089-345678" }) });
    await pause(1_100);
    // 10:12 — the vendor changes the phone; 10:13 — the vendor changes the remark.
    const phoneRow = { ...base, phone: "089-999999" };
    const phoneChange = fromLegacy(2, phoneRow, new Date());
    await pause(50);
    const remarkChange = fromLegacy(3, { ...phoneRow, remark: "vendor, 10:13" }, new Date());
    await pause(1_100);
    // 10:14 — the phone change arrives late and is applied: the record's updatedAt is now 10:14.
    expect(await pushChange(stack.toNew, stack.projectId, phoneChange)).toBeLessThan(300);
    expect(await pushChange(stack.toNew, stack.projectId, remarkChange)).toBeLessThan(300);
    expect((await newRowOf(stack.db, code))?.remark).toBe("vendor, 10:13");
  });

  it("compares the times the FIELD was edited: a later new-side edit of another field does not make the new side's older remark win", async () => {
    const other = "0400002";
    await stack.setStage(other, "dualwrite");
    const base = sampleClientRow({ client_code: other, remark: "as imported", phone: "089-345678" });
    const baseChange = change({
      source: "legacy",
      entity: "customer",
      key: other,
      customerCode: other,
      sourceVersion: 1,
      data: base,
    });
    expect(await pushChange(stack.toNew, stack.projectId, baseChange)).toBeLessThan(300);
    // 10:10 — a person edits the remark on the new side.
    await apiEdit(stack.db, customerWith(other, { remark: "new side, 10:10", phone: "089-345678" }));
    await pause(1_100);
    // 10:12 — the vendor edits the remark (its change is on its way).
    const vendorRemark = change({
      source: "legacy",
      entity: "customer",
      key: other,
      customerCode: other,
      sourceVersion: 2,
      data: { ...base, remark: "vendor, 10:12" },
      committedAt: new Date().toISOString(),
    });
    await pause(1_100);
    // 10:14 — a person edits the phone on the new side.
    await apiEdit(stack.db, customerWith(other, { remark: "new side, 10:10", phone: "089-111111" }));
    expect(await pushChange(stack.toNew, stack.projectId, vendorRemark)).toBeLessThan(300);
    const row = await newRowOf(stack.db, other);
    expect([row?.remark, row?.phone]).toEqual(["vendor, 10:12", "089-111111"]);
  });

  it("compares the time the vendor edited the FIELD, not the row's stamp: a later vendor edit of another field does not make its older remark win", async () => {
    const third = "0400003";
    await stack.setStage(third, "dualwrite");
    const base = sampleClientRow({ client_code: third, remark: "as imported", phone: "089-345678" });
    await legacyEdit(stack.pool, stack.toNew, stack.projectId, base); // both sides agree on it
    // 10:12 — the vendor edits the remark (its change to Firestore is still on its way).
    await vendorWrite(stack.pool, "customer", { ...base, remark: "vendor, 10:12", ...vendorStamp() });
    await pause(1_500);
    // 10:13 — a person edits the remark on the new side.
    const personRemark = await apiEdit(
      stack.db,
      customerWith(third, { remark: "new side, 10:13", phone: "089-345678" }),
    );
    await pause(1_500);
    // 10:15 — the vendor edits the phone: the row's upd_date/upd_time now say 10:15.
    const phone = { ...base, remark: "vendor, 10:12", phone: "089-222222", ...vendorStamp() };
    await vendorWrite(stack.pool, "customer", phone);
    expect(await pushChange(stack.toLegacy, stack.projectId, personRemark)).toBeLessThan(300);
    const row = await legacyRowOf(stack.pool, third);
    expect([row?.remark, row?.phone]).toEqual(["new side, 10:13", "089-222222"]);
  });
});
