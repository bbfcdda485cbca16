import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { change, pushChange } from "./apply-support.js";
import { apiEdit, customerWith, newRowOf } from "./sync-fixtures.js";

/**
 * A customer created on both sides at once (an operator in the new system, a clerk in the vendor
 * application) has no synced base: the first change to arrive must not overwrite every field the
 * other side set. Money is held for a person; other fields follow the policy (newest-wins).
 */
let stack: ApplyStack;
const code = "0400101";

beforeAll(async () => {
  stack = await startApplyStack("sync-concurrent-create");
  await stack.setStage(code, "dualwrite");
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe("a concurrent create on both sides", () => {
  it("holds the money both sides set for a person instead of overwriting it", async () => {
    const clerk = sampleClientRow({ client_code: code, balance: 150, credit_limit: 3000, remark: "clerk" });
    await apiEdit(stack.db, customerWith(code, { balance: 90, credit_limit: 5000, remark: "operator" }));
    const created = change({
      source: "legacy",
      entity: "customer",
      key: code,
      customerCode: code,
      sourceVersion: 1,
      data: clerk,
    });
    expect(await pushChange(stack.toNew, stack.projectId, created)).toBeLessThan(300);
    const row = await newRowOf(stack.db, code);
    expect(row?.balance).toBe(90);
    expect(row?.credit_limit).toBe(5000);
    const conflicts = await stack.db.collection("syncConflicts").where("key", "==", code).get();
    expect(conflicts.docs.flatMap((doc) => doc.get("fields")).sort()).toEqual(["balance", "credit_limit"]);
    // The vendor's create is the newer edit here: its remark wins under newest-wins.
    expect(row?.remark).toBe("clerk");
  });
});
