import type { SyncSource } from "../change-message.js";
import type { FlatRow, LegacyValue, Superseded } from "../ledger/sync-ledger.js";
import type { ResolutionPolicy } from "./conflict-policy.js";

export interface MergeInput {
  columns: readonly string[];
  /** Last agreed state; null means "never synced": the receiving side's row stands in for it. */
  base: FlatRow | null;
  incoming: FlatRow;
  /** The receiving side's current row. */
  current: FlatRow;
  incomingSide: SyncSource;
  /** Which side a person edited the column on last, for `newest-wins` (per field, not per record). */
  newestSideOf(column: string): SyncSource;
  policyFor(column: string): ResolutionPolicy;
  /** Tombstones of values the incoming side lost earlier (ignored when they arrive again). */
  supersededIncoming: Record<string, Superseded>;
  incomingVersion: number;
}

export interface FieldConflict {
  column: string;
  base: LegacyValue;
  legacy: LegacyValue;
  new: LegacyValue;
}

export interface MergeResult {
  merged: FlatRow;
  base: FlatRow;
  /** Fields held for a person to decide: they keep the receiving side's value. */
  manual: FieldConflict[];
  /** Columns the sync overwrites on the receiving side (their stale values may still be in flight). */
  superseded: Record<SyncSource, Record<string, Superseded>>;
  changed: boolean;
}

const other = (side: SyncSource): SyncSource => (side === "legacy" ? "new" : "legacy");

/**
 * Field-by-field three-way merge in legacy-row column space. A field changed on one side only
 * takes that side's value; changed on both sides since the base, the field's policy decides.
 */
export function threeWayMerge(input: MergeInput): MergeResult {
  const receivingSide = other(input.incomingSide);
  const result: MergeResult = {
    merged: { ...input.current },
    base: { ...(input.base ?? input.current) },
    manual: [],
    superseded: { legacy: {}, new: {} },
    changed: false,
  };
  for (const column of input.columns) {
    // No base: both sides created the record on their own, so every field they disagree on was
    // set on both sides, and the policy decides it (money by a person) rather than the first apply.
    const base = input.base === null ? null : (input.base[column] ?? null);
    const current = input.current[column] ?? null;
    // A stale incoming value counts as "no change": the base's value, or with no base the current one.
    const incoming = effectiveIncoming(input, column, input.base === null ? current : base);
    if (incoming === current) {
      result.base[column] = current;
    } else if (input.base !== null && current === base) {
      result.merged[column] = incoming;
      result.base[column] = incoming;
    } else if (input.base === null || incoming !== base) {
      resolveBoth(input, result, { column, base, incoming, current, receivingSide });
    }
  }
  for (const column of input.columns) {
    const before = input.current[column] ?? null;
    if ((result.merged[column] ?? null) === before) continue;
    result.changed = true;
    // The sync overwrites this column on the receiving side: that side's messages captured
    // before the write carry a stale value of it (the caller fills in the version bound).
    result.superseded[receivingSide][column] = { value: before, belowVersion: null };
  }
  return result;
}

/**
 * A message older than the sync's last write of this column on its side was captured before that
 * write: its value of the column is stale (whatever it is), so it counts as "unchanged".
 */
function effectiveIncoming(input: MergeInput, column: string, base: LegacyValue): LegacyValue {
  const value = input.incoming[column] ?? null;
  const mark = input.supersededIncoming[column];
  if (!mark) return value;
  if (mark.belowVersion !== null && input.incomingVersion >= mark.belowVersion) return value;
  return base;
}

interface BothChanged {
  column: string;
  base: LegacyValue;
  incoming: LegacyValue;
  current: LegacyValue;
  receivingSide: SyncSource;
}

function resolveBoth(input: MergeInput, result: MergeResult, field: BothChanged): void {
  const policy = input.policyFor(field.column);
  const values = { [input.incomingSide]: field.incoming, [field.receivingSide]: field.current } as Record<
    SyncSource,
    LegacyValue
  >;
  if (policy === "manual") {
    result.manual.push({ column: field.column, base: field.base, legacy: values.legacy, new: values.new });
    return;
  }
  const winner: SyncSource =
    policy === "legacy-wins" ? "legacy" : policy === "new-wins" ? "new" : input.newestSideOf(field.column);
  if (winner === input.incomingSide) {
    // The receiving side loses: overwrite it, and ignore its stale value still in flight.
    result.merged[field.column] = field.incoming;
    result.base[field.column] = field.incoming;
  } else {
    // The incoming side loses: keep ours; our own change in flight will overwrite the other side.
    result.base[field.column] = field.incoming;
  }
}
