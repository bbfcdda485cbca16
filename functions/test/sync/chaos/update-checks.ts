import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { customerToClientRow } from "../../../src/legacy/mapping/client-mapping.js";
import { conflictId } from "../../../src/sync/conflicts/conflict-record.js";
import { collections } from "../../../src/sync/firestore-records.js";
import type { SyncVerifier } from "../../../src/sync/verify/sync-verifier.js";
import { editedColumns, type LoggedWrite } from "./update-workload.js";

export interface ConvergenceReport {
  unexplainedMismatches: string[];
  lostWrites: string[];
  counts: {
    equalCustomers: number;
    openConflicts: number;
    heldFields: number;
    capturedLegacyChanges: number;
    outboxEntries: number;
    echoes: number;
  };
}

/**
 * After quiescence: (1) every mismatch is a field held by an open conflict; (2) for every field,
 * each side ends on the last acknowledged write of one side (the only side that wrote it, or
 * either when both did) unless held; (3) the change logs hold exactly the harness's own writes.
 */
export async function checkConvergence(input: {
  db: Firestore;
  pool: pg.Pool;
  verifier: SyncVerifier;
  codes: readonly string[];
  log: readonly LoggedWrite[];
}): Promise<ConvergenceReport> {
  const open = await input.db.collection("syncConflicts").where("status", "==", "open").get();
  const held = new Set(open.docs.map((doc) => doc.id));
  const results = await input.verifier.verifyMany(input.codes);
  const unexplainedMismatches = results.flatMap((result) =>
    result.mismatches
      .filter((m) => !held.has(conflictId(m.entity, m.key, m.field)))
      .map((m) => `${m.key}.${m.field}: legacy ${JSON.stringify(m.legacy)} new ${JSON.stringify(m.new)}`),
  );
  const lostWrites: string[] = [];
  for (const code of input.codes) {
    const legacy = (await input.pool.query("SELECT * FROM clients WHERE client_code = $1", [code])).rows[0];
    const record = await input.db.collection("customers").doc(code).get();
    const fresh = record.exists ? customerToClientRow(record.get("data")) : undefined;
    for (const column of editedColumns) {
      const writes = input.log.filter((w) => w.code === code && w.column === column);
      if (writes.length === 0 || held.has(conflictId("customer", code, column))) continue;
      const lastOf = (side: string) => writes.filter((w) => w.side === side).at(-1)?.value;
      const allowed = [lastOf("legacy"), lastOf("new")].filter((v) => v !== undefined);
      for (const [side, value] of [
        ["legacy", legacy?.[column]],
        ["new", fresh?.[column]],
      ] as const)
        if (!allowed.includes(value))
          lostWrites.push(
            `${code}.${column} on ${side}: ${JSON.stringify(value)} ∉ ${JSON.stringify(allowed)}`,
          );
    }
  }
  const captured = Number(
    (
      await input.pool.query("SELECT count(*)::int AS n FROM sync.changes WHERE customer_code = ANY($1)", [
        input.codes,
      ])
    ).rows[0].n,
  );
  // Every API write's entry, pending or already relayed (moved to syncOutboxPublished).
  const outboxCounts = await Promise.all(
    [collections.outbox, collections.outboxPublished].map((name) => input.db.collection(name).count().get()),
  );
  const outbox = outboxCounts.reduce((sum, count) => sum + count.data().count, 0);
  const expectedCaptured = input.codes.length + input.log.filter((w) => w.side === "legacy").length;
  const expectedOutbox = input.log.filter((w) => w.side === "new").length;
  return {
    unexplainedMismatches,
    lostWrites,
    counts: {
      equalCustomers: results.filter((r) => r.equal).length,
      openConflicts: open.size,
      heldFields: held.size,
      capturedLegacyChanges: captured,
      outboxEntries: outbox,
      echoes: captured - expectedCaptured + (outbox - expectedOutbox),
    },
  };
}
