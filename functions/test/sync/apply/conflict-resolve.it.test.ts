import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { FirestoreBreakerStateSink } from "../../../src/sync/apply/firestore-breaker-state.js";
import { LegacyGateway } from "../../../src/sync/apply/legacy-gateway.js";
import { ConflictService } from "../../../src/sync/conflicts/conflict-service.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { change, pushChange } from "./apply-support.js";
import { apiEdit, customerWith, legacyRowOf, newRowOf, vendorWrite } from "./sync-fixtures.js";

/**
 * A person resolves a conflict while a later edit of the same field, made after the conflict was
 * recorded, is still on its way to the other side. The decision must not overwrite that later
 * edit: it is newer than the decision, and it replicates over it.
 */
let stack: ApplyStack;
let conflicts: ConflictService;
const context = { principal: { uid: "operator-1", role: "operator" as const }, correlationId: "t" };

beforeAll(async () => {
  stack = await startApplyStack("sync-conflict-resolve");
  const gateway = new LegacyGateway(stack.pool, new FirestoreBreakerStateSink(stack.db, "test", "breakerT"), {
    timeoutMs: 10_000,
    halfOpenAfterMs: 1_000,
    consecutiveFailures: 3,
  });
  conflicts = new ConflictService(stack.db, gateway);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** The vendor's write, captured, and its message with the real capture id as its version. */
async function vendorEdit(code: string, creditLimit: number) {
  const row = sampleClientRow({ client_code: code, credit_limit: creditLimit });
  await vendorWrite(stack.pool, "customer", row);
  const captured = await stack.pool.query(
    "SELECT max(id)::int AS id FROM sync.changes WHERE table_name = 'clients' AND pk = $1",
    [code],
  );
  const sourceVersion = captured.rows[0].id as number;
  return change({
    source: "legacy",
    entity: "customer",
    key: code,
    customerCode: code,
    sourceVersion,
    data: row,
  });
}

/** An open conflict on credit_limit: legacy 8000, new 7000, base 5000. */
async function conflictOn(code: string) {
  await stack.setStage(code, "dualwrite");
  expect(await pushChange(stack.toNew, stack.projectId, await vendorEdit(code, 5_000))).toBeLessThan(300);
  const fromNew = await apiEdit(stack.db, customerWith(code, { credit_limit: 7_000 }));
  const fromLegacy = await vendorEdit(code, 8_000);
  expect(await pushChange(stack.toLegacy, stack.projectId, fromNew)).toBeLessThan(300);
  expect(await pushChange(stack.toNew, stack.projectId, fromLegacy)).toBeLessThan(300);
  const conflict = await conflicts.get(`customer-${code}-credit_limit`);
  expect([conflict.status, conflict.legacy.credit_limit, conflict.new.credit_limit]).toEqual([
    "open",
    8_000,
    7_000,
  ]);
}

describe("resolving a conflict while a later edit is in flight", () => {
  it("keeps a new-side edit made after the conflict, which then reaches legacy", async () => {
    const code = "0888001";
    await conflictOn(code);
    const later = await apiEdit(stack.db, customerWith(code, { credit_limit: 7_500 }));
    await conflicts.resolve(
      `customer-${code}-credit_limit`,
      { choose: "legacy", reason: "office count" },
      context,
    );
    expect((await newRowOf(stack.db, code))?.credit_limit).toBe(7_500);
    expect(await pushChange(stack.toLegacy, stack.projectId, later)).toBeLessThan(300);
    expect((await legacyRowOf(stack.pool, code))?.credit_limit).toBe(7_500);
  });

  it("keeps a vendor edit made after the conflict, which then reaches Firestore", async () => {
    const code = "0888002";
    await conflictOn(code);
    const later = await vendorEdit(code, 9_000);
    await conflicts.resolve(
      `customer-${code}-credit_limit`,
      { choose: "new", reason: "signed contract" },
      context,
    );
    expect((await legacyRowOf(stack.pool, code))?.credit_limit).toBe(9_000);
    expect((await newRowOf(stack.db, code))?.credit_limit).toBe(7_000);
    expect(await pushChange(stack.toNew, stack.projectId, later)).toBeLessThan(300);
    expect((await newRowOf(stack.db, code))?.credit_limit).toBe(9_000);
  });

  it("still writes the decision to both sides when nothing changed since", async () => {
    const code = "0888003";
    await conflictOn(code);
    await conflicts.resolve(
      `customer-${code}-credit_limit`,
      { choose: "value", value: 7_700, reason: "agreed" },
      context,
    );
    expect((await legacyRowOf(stack.pool, code))?.credit_limit).toBe(7_700);
    expect((await newRowOf(stack.db, code))?.credit_limit).toBe(7_700);
  });
});
