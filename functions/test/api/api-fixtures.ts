import type pg from "pg";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import type { MigrationStage } from "../../src/domain/customer.js";
import { FirestoreStageAssignmentStore } from "../../src/migration/firestore-stage-assignment-store.js";

/** A seeded client the mapping accepts (7-digit code). */
export async function someClientCode(legacy: pg.Pool, offset = 0): Promise<string> {
  const result = await legacy.query(
    "SELECT client_code FROM clients WHERE client_code ~ '^[0-9]{7}$' ORDER BY client_code OFFSET $1 LIMIT 1",
    [offset],
  );
  return (result.rows[0] as { client_code: string }).client_code;
}

/** A free 7-digit code (seeded codes never start with 9 at this scale; checked anyway). */
export async function unusedClientCode(legacy: pg.Pool): Promise<string> {
  for (;;) {
    const code = `9${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
    const found = await legacy.query("SELECT 1 FROM clients WHERE client_code = $1", [code]);
    if (found.rowCount === 0) return code;
  }
}

/** Pins a customer's stage the way an explicit, held rollback/advance would. */
export async function pinStage(projectId: string, code: string, stage: MigrationStage): Promise<void> {
  const store = new FirestoreStageAssignmentStore(firebaseApp(projectId));
  const current = await store.get(code);
  await store.save(
    { customerCode: code, stage, held: true, updatedBy: "api-test", reason: "test pins the stage" },
    current?.version ?? 0,
    {
      customerCode: code,
      action: "advance",
      fromStage: current?.stage ?? "off",
      toStage: stage,
      actor: "api-test",
      reason: "test pins the stage",
      at: new Date(),
    },
  );
}

/** Checksum of both vendor tables: any inserted, deleted or changed row changes it. */
export async function legacyChecksum(legacy: pg.Pool): Promise<string> {
  const result = await legacy.query(
    `SELECT (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY client_code), '')) FROM clients c) ||
            (SELECT md5(coalesce(string_agg(d::text, '|' ORDER BY delivery_no), '')) FROM deliveries d) AS sum`,
  );
  return (result.rows[0] as { sum: string }).sum;
}
