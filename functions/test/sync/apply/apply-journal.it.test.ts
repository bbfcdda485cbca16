import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppliedChangeJournal } from "../../../src/sync/apply/applied-change-journal.js";
import { ApplyToLegacyService } from "../../../src/sync/apply/apply-to-legacy.js";
import { FirestoreBreakerStateSink } from "../../../src/sync/apply/firestore-breaker-state.js";
import { LegacyGateway } from "../../../src/sync/apply/legacy-gateway.js";
import { parseConflictPolicy } from "../../../src/sync/conflicts/conflict-policy.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { apiEdit, customerWith, legacyRowOf } from "./sync-fixtures.js";

/**
 * The crash window of new → legacy: PostgreSQL has committed, the Firestore ledger has not
 * (the function died, or the connection dropped right after COMMIT). The redelivered change must
 * replay its journaled decision; merging again would treat its own write as the base and let a
 * vendor edit made in between lose to the stale new-side value.
 */
let stack: ApplyStack;
const code = "0300001";
const options = { timeoutMs: 5_000, halfOpenAfterMs: 500, consecutiveFailures: 3 };
// new-wins on plain fields: the policy under which a second merge would overwrite the vendor edit.
const policy = parseConflictPolicy(JSON.stringify({ customer: { other: "new-wins" } }));

/** The real gateway, except that the process "dies" right after the vendor rows' COMMIT, once. */
class DiesAfterCommitGateway extends LegacyGateway {
  armed = true;

  override async inSyncTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const result = await super.inSyncTransaction(work);
    const wroteVendorRows = typeof result === "object" && result !== null && "outcome" in result;
    if (this.armed && wroteVendorRows) {
      this.armed = false;
      throw new Error("process died after COMMIT, before the ledger commit");
    }
    return result;
  }
}

async function journalRows(changeId: string): Promise<number> {
  const result = await stack.pool.query(
    "SELECT count(*)::int AS n FROM sync.applied_changes WHERE change_id = $1",
    [changeId],
  );
  return result.rows[0].n;
}

const ledgerOf = (customerCode: string) =>
  stack.db.collection("syncLedger").doc(`customer:${customerCode}`).get();

function service(gateway: LegacyGateway): ApplyToLegacyService {
  return new ApplyToLegacyService(stack.db, gateway, policy, new AppliedChangeJournal());
}

beforeAll(async () => {
  stack = await startApplyStack("sync-apply-journal");
  await stack.setStage(code, "dualwrite");
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe("syncApplyToLegacy across a crash between PostgreSQL COMMIT and the ledger", () => {
  it("replays the journaled merge on redelivery, so a vendor edit made meanwhile survives", async () => {
    const sink = new FirestoreBreakerStateSink(stack.db, "journal-test");
    const healthy = service(new LegacyGateway(stack.pool, sink, options));
    const dying = service(new DiesAfterCommitGateway(stack.pool, sink, options));
    expect(await healthy.apply(await apiEdit(stack.db, customerWith(code, { remark: "base" })))).toBe(
      "applied",
    );

    const edit = await apiEdit(stack.db, customerWith(code, { remark: "from new" }));
    await expect(dying.apply(edit)).rejects.toThrow("process died after COMMIT");
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("from new");

    await stack.pool.query("UPDATE clients SET remark = 'vendor, later' WHERE client_code = $1", [code]);
    expect(await healthy.apply(edit)).toBe("applied"); // the redelivery, replayed
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("vendor, later");
    expect(await healthy.apply(edit)).toBe("duplicate");

    expect(await journalRows(edit.changeId)).toBe(1);
    const ledger = await ledgerOf(code);
    expect(ledger.get("lease")).toBeNull();
    expect(ledger.get("base.remark")).toBe("from new");
  });

  it("takes two concurrent deliveries of one change as one: one merge, one journal row, lease released", async () => {
    const sink = new FirestoreBreakerStateSink(stack.db, "journal-test");
    const applier = service(new LegacyGateway(stack.pool, sink, options));
    const edit = await apiEdit(stack.db, customerWith(code, { remark: "delivered twice at once" }));
    // Depending on timing the second claim meets a failed precondition or the lease this change
    // already holds, re-takes it, and the first settlement falls back to its transaction.
    const outcomes = await Promise.allSettled([applier.apply(edit), applier.apply(edit)]);
    const applied = outcomes.filter((o) => o.status === "fulfilled" && o.value === "applied");
    expect(applied.length).toBeGreaterThanOrEqual(1);
    for (const outcome of outcomes)
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "SYNC_RECORD_BUSY" });
      else expect(["applied", "duplicate"]).toContain(outcome.value);

    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("delivered twice at once");
    expect(await journalRows(edit.changeId)).toBe(1);
    const ledger = await ledgerOf(code);
    expect(ledger.get("lease")).toBeNull();
    expect(ledger.get("newVersion")).toBe(edit.sourceVersion);
    expect((ledger.get("recentChangeIds") as string[]).filter((id) => id === edit.changeId)).toHaveLength(1);
    expect(await applier.apply(edit)).toBe("duplicate"); // what a redelivery of the busy one meets
    const sample = await stack.db.collection("syncApplied").doc(edit.changeId).get();
    expect(sample.get("direction")).toBe("new-to-legacy");
  });
});
