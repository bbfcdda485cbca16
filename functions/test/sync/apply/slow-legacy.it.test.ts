import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { eventually, pushChange } from "./apply-support.js";
import { legacyRowOf, remarkFromNew } from "./sync-fixtures.js";

/**
 * A slow vendor database: the vendor application holds a client's row lock for seconds (the
 * nightly job mid-run) while a change for that client arrives. The apply must give up within its
 * bounds and leave nothing behind that commits later: a timed-out attempt whose transaction went
 * on waiting would commit after its lease was released, against a ledger base that moved on.
 */
let stack: ApplyStack;
const code = "0888101";

beforeAll(async () => {
  stack = await startApplyStack("sync-slow-legacy", { extraEnv: { SYNC_LEGACY_TIMEOUT_MS: "3000" } });
  await stack.setStage(code, "live");
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const fromNew = (version: number, remark: string) => remarkFromNew(code, version, remark);

async function vendorHoldsTheRow(): Promise<pg.PoolClient> {
  const vendor = await stack.pool.connect();
  await vendor.query("BEGIN");
  await vendor.query("UPDATE clients SET remark = 'vendor edit' WHERE client_code = $1", [code]);
  return vendor;
}

describe("a slow legacy database", () => {
  it("gives up within its bounds, and the timed-out attempt never commits after the vendor lets go", async () => {
    expect(await pushChange(stack.toLegacy, stack.projectId, fromNew(1, "first"))).toBeLessThan(300);
    const second = fromNew(2, "second");
    const vendor = await vendorHoldsTheRow();
    const started = Date.now();
    const status = await pushChange(stack.toLegacy, stack.projectId, second);
    const waited = Date.now() - started;
    expect(status, "nacked, so Pub/Sub redelivers").toBeGreaterThanOrEqual(500);
    expect(waited).toBeLessThan(8_000);
    // The vendor keeps the lock a while longer, then commits its own edit.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await vendor.query("COMMIT");
    vendor.release();
    // Time for an orphaned transaction to take the lock and commit, if one were still waiting.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("vendor edit");
    const journal = await stack.pool.query("SELECT 1 FROM sync.applied_changes WHERE change_id = $1", [
      second.changeId,
    ]);
    expect(journal.rowCount, "the timed-out attempt left no journal entry").toBe(0);
    // Redelivered, it applies under the conflict policy now that the row is free.
    const redelivered = await eventually(
      () => pushChange(stack.toLegacy, stack.projectId, second),
      (s) => s < 300,
      20_000,
    );
    expect(redelivered).toBeLessThan(300);
  });
});
