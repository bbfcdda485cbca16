import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { customerToClientRow } from "../../../src/legacy/mapping/client-mapping.js";
import { rowToDomain } from "../../../src/sync/apply/record-rows.js";
import { recordRef, writeRecordInTransaction } from "../../../src/sync/firestore-records.js";

export const editedColumns = ["remark", "short_name", "balance", "cyl_20"] as const;
export type EditedColumn = (typeof editedColumns)[number];

export interface LoggedWrite {
  seq: number;
  side: "legacy" | "new";
  code: string;
  column: EditedColumn;
  value: string | number;
}

/** Every write gets a value no earlier write had, so each one really changes the row (and is captured). */
export function uniqueValue(column: EditedColumn, seq: number): string | number {
  if (column === "remark") return `chaos remark ${seq}`;
  if (column === "short_name") return `客戶${seq}`;
  if (column === "balance") return 100_000 + seq;
  return 1 + (seq % 30_000);
}

/** A vendor-app write: plain UPDATE, captured by the trigger. Throws while legacy is down. */
export async function writeLegacy(pool: pg.Pool, write: LoggedWrite): Promise<void> {
  await pool.query(`UPDATE clients SET ${write.column} = $1 WHERE client_code = $2`, [
    write.value,
    write.code,
  ]);
}

/** An API write: record + outbox entry in one Firestore transaction. */
export async function writeNew(db: Firestore, write: LoggedWrite): Promise<void> {
  await db.runTransaction(async (tx) => {
    const ref = recordRef(db, "customer", write.code);
    const current = await tx.get(ref);
    if (!current.exists) throw new Error(`customer ${write.code} not replicated yet`);
    const row = { ...customerToClientRow(current.get("data")), [write.column]: write.value };
    const data = JSON.parse(JSON.stringify(rowToDomain("customer", row, current.get("data"))));
    writeRecordInTransaction(db, tx, {
      entity: "customer",
      key: write.code,
      customerCode: write.code,
      data,
      previousVersion: current.get("version") as number,
      previous: current,
      origin: "api",
      updatedBy: "chaos",
    });
  });
}
