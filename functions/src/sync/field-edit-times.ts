import { type DocumentSnapshot, FieldValue, type Timestamp } from "firebase-admin/firestore";
import { sameValue } from "../legacy/mapping/same-value.js";
import { columnsOf, domainToRow } from "./apply/record-rows.js";
import type { SyncEntity } from "./change-message.js";

/**
 * When a person last edited each field of a record, by legacy-row column: what `newest-wins`
 * compares. The record's last edit would not do: a later edit of another field would make an
 * older value of this one win over the other side's newer edit of it.
 * Legacy keeps these times in `sync.changes.changed_columns` (the capture trigger), the new side
 * in the record's `fieldEditedAt` map, written by API writes only (a sync write is nobody's edit).
 */

/** Stands for every column: the record was created (or re-created) by a person then. */
export const everyColumn = "*";

/** Milliseconds since the epoch, per column (`everyColumn` included). */
export type FieldEditTimes = Readonly<Record<string, number>>;

/** When `column` was last edited by a person on that side; undefined: never (that we know of). */
export function fieldEditedAt(times: FieldEditTimes, column: string): number | undefined {
  const own = times[column];
  const created = times[everyColumn];
  if (own === undefined) return created;
  return created === undefined ? own : Math.max(own, created);
}

/** The columns a person's write changes; `[everyColumn]` for a create. */
export function editedColumns(entity: SyncEntity, before: unknown, after: unknown): string[] {
  if (before === undefined) return [everyColumn];
  const was = domainToRow(entity, before);
  const is = domainToRow(entity, after);
  return columnsOf[entity].filter((column) => !sameValue(was[column] ?? null, is[column] ?? null));
}

/**
 * The `fieldEditedAt` map an API write stores: the previous one with the columns it changes set
 * to the commit time. A record written before per-field times existed starts from its `editedAt`.
 */
export function nextFieldEditedAt(
  entity: SyncEntity,
  previous: DocumentSnapshot | null,
  data: Record<string, unknown>,
): Record<string, Timestamp | FieldValue> {
  const now = FieldValue.serverTimestamp();
  const before = previous?.exists ? previous.get("data") : undefined;
  const edited = editedColumns(entity, before, data);
  if (edited.includes(everyColumn)) return { [everyColumn]: now };
  const kept =
    (previous?.get("fieldEditedAt") as Record<string, Timestamp> | undefined) ?? recordEditedAt(previous);
  return { ...kept, ...Object.fromEntries(edited.map((column) => [column, now])) };
}

function recordEditedAt(previous: DocumentSnapshot | null): Record<string, Timestamp> {
  const editedAt = previous?.get("editedAt") as Timestamp | undefined;
  return editedAt ? { [everyColumn]: editedAt } : {};
}

/** A Firestore record's per-field edit times (its `editedAt` for every field if it has no map yet). */
export function recordFieldEditTimes(record: DocumentSnapshot): FieldEditTimes {
  if (!record.exists) return {};
  const map = record.get("fieldEditedAt") as Record<string, Timestamp> | undefined;
  const source = map ?? recordEditedAt(record);
  return Object.fromEntries(Object.entries(source).map(([column, time]) => [column, time.toMillis()]));
}
