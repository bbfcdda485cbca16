import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { change, pushChange } from "./apply-support.js";
import { apiEdit, customerWith, legacyRowOf, newRowOf, vendorWrite } from "./sync-fixtures.js";

/**
 * Who owns `balance`: the vendor's nightly job recomputes it, in every stage before `complete`, and
 * the API never edits it (it is not in the customer patch). So the nightly recompute of a live
 * customer meets no new-side change of its own and opens no conflict, even with a new-side edit of
 * the customer still in flight carrying yesterday's balance; `credit_limit`, which people set on
 * either side, stays a manual conflict when both sides change it.
 */
let stack: ApplyStack;
const code = "0600101";

beforeAll(async () => {
  stack = await startApplyStack("sync-nightly-balance");
  await stack.setStage(code, "live");
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const fromLegacy = (version: number, data: Record<string, unknown>) =>
  change({
    source: "legacy",
    entity: "customer",
    key: code,
    customerCode: code,
    sourceVersion: version,
    data,
  });

describe("the nightly balance job", () => {
  it("lands on both sides without a conflict while a new-side edit is in flight", async () => {
    const imported = sampleClientRow({ client_code: code, balance: 500, remark: "as imported" });
    await vendorWrite(stack.pool, "customer", imported);
    expect(await pushChange(stack.toNew, stack.projectId, fromLegacy(1, imported))).toBeLessThan(300);
    // Evening: an operator edits the remark in the new system (yesterday's balance in the record).
    const edit = await apiEdit(stack.db, customerWith(code, { balance: 500, remark: "gate code 1234" }));
    // Night: the vendor's job recomputes the balance (upd_date untouched), captured and applied first.
    const recomputed = { ...imported, balance: 1_700 };
    await vendorWrite(stack.pool, "customer", recomputed);
    expect(await pushChange(stack.toNew, stack.projectId, fromLegacy(2, recomputed))).toBeLessThan(300);
    // The operator's edit reaches legacy afterwards, still carrying balance 500.
    expect(await pushChange(stack.toLegacy, stack.projectId, edit)).toBeLessThan(300);
    expect((await legacyRowOf(stack.pool, code))?.balance).toBe(1_700);
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("gate code 1234");
    expect((await newRowOf(stack.db, code))?.balance).toBe(1_700);
    const conflicts = await stack.db.collection("syncConflicts").where("key", "==", code).get();
    expect(conflicts.size).toBe(0);
  });
});
