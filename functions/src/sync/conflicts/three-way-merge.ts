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
  /** Which side wrote last, for `newest-wins`. */
  newestSide: SyncSource;
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
  /** New tombstones per side (fields resolved by policy against that side's value). */
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
    const base = (input.base ?? input.current)[column] ?? null;
    const current = input.current[column] ?? null;
    const incoming = effectiveIncoming(input, column, base);
    if (incoming === current) {
      result.base[column] = current;
    } else if (current === base) {
      result.merged[column] = incoming;
      result.base[column] = incoming;
    } else if (incoming !== base) {
      resolveBoth(input, result, { column, base, incoming, current, receivingSide });
    }
  }
  result.changed = input.columns.some((c) => (result.merged[c] ?? null) !== (input.current[c] ?? null));
  return result;
}

function effectiveIncoming(input: MergeInput, column: string, base: LegacyValue): LegacyValue {
  const value = input.incoming[column] ?? null;
  const tombstone = input.supersededIncoming[column];
  if (!tombstone || tombstone.value !== value) return value;
  if (tombstone.belowVersion !== null && input.incomingVersion >= tombstone.belowVersion) return value;
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
    policy === "legacy-wins" ? "legacy" : policy === "new-wins" ? "new" : input.newestSide;
  if (winner === input.incomingSide) {
    // The receiving side loses: overwrite it, and ignore its stale value still in flight.
    result.merged[field.column] = field.incoming;
    result.base[field.column] = field.incoming;
    result.superseded[field.receivingSide][field.column] = { value: field.current, belowVersion: null };
  } else {
    // The incoming side loses: keep ours; our own change in flight will overwrite the other side.
    result.base[field.column] = field.incoming;
  }
}
